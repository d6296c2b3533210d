package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.spi.KvEngine;
import dev.oxistore.testkit.StoreFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;

/** Factories for the testkit suites: a cached store of each mode over an engine found by kind. */
final class CachedStores {

    private CachedStores() {
    }

    static KvEngine engine(EngineKind kind) {
        return ServiceLoader.load(KvEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + " engine on the test class path"));
    }

    /**
     * Cached stores of {@code mode} and {@code policy} over {@code kind}, with a small cache (64
     * entries) so the suites also run through evictions, and a short write-back interval.
     */
    static StoreFactory factory(EngineKind kind, WriteMode mode, Policy policy) {
        return new StoreFactory() {
            @Override
            public KvStore open(Path dir, StoreConfig config) {
                KvEngine e = engine(kind);
                KvStore inner = kind == EngineKind.MEMORY ? e.openInMemory(config) : e.open(dir, config);
                return CachedKvStore.builder(inner).mode(mode).policy(policy).maximumEntries(64)
                        .maxDirtyEntries(16).flushInterval(Duration.ofMillis(50)).build();
            }

            @Override
            public boolean persistent() {
                return kind != EngineKind.MEMORY;
            }

            @Override
            public String toString() {
                return mode + "/" + policy + " over " + kind;
            }
        };
    }
}
