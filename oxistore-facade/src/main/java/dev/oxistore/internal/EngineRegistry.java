package dev.oxistore.internal;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.EngineUnavailableException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.spi.KvEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The engines found by one {@link ServiceLoader} pass, by kind. Discovery runs once per class
 * loader ({@link #shared()}): the set of modules on a path does not change while the JVM runs.
 */
public final class EngineRegistry {

    /** A bad provider should not hide the others, but a loader that fails forever must end. */
    private static final int MAX_PROVIDER_ERRORS = 64;

    private final Map<EngineKind, KvEngine> engines;
    private final Map<EngineKind, List<String>> duplicates;
    private final List<ServiceConfigurationError> errors;

    private EngineRegistry(Map<EngineKind, KvEngine> engines, Map<EngineKind, List<String>> duplicates,
                           List<ServiceConfigurationError> errors) {
        this.engines = engines;
        this.duplicates = duplicates;
        this.errors = errors;
    }

    /** The registry of the facade's own class loader, discovered on first use. */
    public static EngineRegistry shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final EngineRegistry INSTANCE = discover(ServiceLoader.load(KvEngine.class, EngineRegistry.class.getClassLoader()));
    }

    /** Collects every provider of {@code loader}; providers that fail to load are remembered, not thrown. */
    static EngineRegistry discover(ServiceLoader<KvEngine> loader) {
        Map<EngineKind, KvEngine> found = new EnumMap<>(EngineKind.class);
        Map<EngineKind, List<String>> dupes = new EnumMap<>(EngineKind.class);
        List<ServiceConfigurationError> errors = new ArrayList<>();
        Iterator<KvEngine> it = loader.iterator();
        while (errors.size() < MAX_PROVIDER_ERRORS) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                KvEngine engine = it.next();
                KvEngine previous = found.putIfAbsent(engine.kind(), engine);
                if (previous != null) {
                    dupes.computeIfAbsent(engine.kind(), k -> new ArrayList<>(List.of(previous.getClass().getName())))
                            .add(engine.getClass().getName());
                }
            } catch (ServiceConfigurationError e) {
                errors.add(e);
            }
        }
        return new EngineRegistry(found, dupes, List.copyOf(errors));
    }

    /** The kinds with an engine present. */
    public Set<EngineKind> kinds() {
        EnumSet<EngineKind> kinds = EnumSet.noneOf(EngineKind.class);
        kinds.addAll(engines.keySet());
        return Collections.unmodifiableSet(kinds);
    }

    /** Every engine present, in {@link EngineKind} order. */
    public Map<EngineKind, KvEngine> engines() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(engines));
    }

    /** The engine of {@code kind}, if present. */
    public Optional<KvEngine> find(EngineKind kind) {
        return Optional.ofNullable(engines.get(kind));
    }

    /**
     * The engine of {@code kind}.
     *
     * @throws EngineUnavailableException naming the artifact to add when it is absent
     * @throws InvalidArgumentException when two modules provide it
     */
    public KvEngine require(EngineKind kind) {
        List<String> dupes = duplicates.get(kind);
        if (dupes != null) {
            throw new InvalidArgumentException("several engines provide " + kind + " (" + String.join(", ", dupes)
                    + "): keep only one module of them on the class or module path");
        }
        KvEngine engine = engines.get(kind);
        if (engine == null) {
            EngineUnavailableException e = new EngineUnavailableException(kind);
            errors.forEach(e::addSuppressed); // a provider that failed to load may be the one asked for
            throw e;
        }
        return engine;
    }
}
