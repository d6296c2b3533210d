package dev.oxistore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.cache.Policy;
import dev.oxistore.cache.kv.CachedKvStore;
import dev.oxistore.cache.kv.WriteMode;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.EngineUnavailableException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.UnsupportedFeatureException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OxiStore#openCached}: the engine found by kind, behind a write-through cache. */
class OxiStoreCachedTest {

    @TempDir
    Path tmp;

    @Test
    void openCachedWrapsTheEngineOfThatKindAndClosesItOnClose() {
        Path dir = tmp.resolve("store");
        CachedKvStore store = OxiStore.openCached(MarkerFileEngine.KIND, dir, 100, Policy.ARC);
        try {
            assertThat(store.kind()).isEqualTo(MarkerFileEngine.KIND);
            assertThat(store.path()).contains(dir);
            assertThat(store.policy()).isEqualTo(Policy.ARC);
            assertThat(store.mode()).isEqualTo(WriteMode.WRITE_THROUGH);
            assertThat(new MarkerFileEngine().recognizes(dir)).as("created by the engine").isTrue();
        } finally {
            store.close();
        }
        assertThat(store.unwrap().isOpen()).isFalse();
        try (CachedKvStore defaulted = OxiStore.openCached(MarkerFileEngine.KIND, dir, 10)) {
            assertThat(defaulted.policy()).isEqualTo(Policy.W_TINYLFU);
        }
    }

    @Test
    void openCachedChecksItsArguments() {
        assertThatThrownBy(() -> OxiStore.openCached(MarkerFileEngine.KIND, tmp, 0, Policy.LRU))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> OxiStore.openCached(MarkerFileEngine.KIND, tmp, 10, null))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> OxiStore.openCached(EngineKind.HLOG, tmp, 10, Policy.LRU))
                .isInstanceOf(EngineUnavailableException.class);
        assertThatThrownBy(() -> OxiStore.openCached(EngineKind.MEMORY, tmp, 10, Policy.LRU))
                .as("the memory engine has no store at a path").isInstanceOf(UnsupportedFeatureException.class);
    }
}
