package dev.oxistore.kv.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.ReadOnlyStoreException;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreMetrics;
import java.time.Duration;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The small shared helpers: expiry arithmetic, lifecycles, metrics, merges, range views. */
class HelpersTest {

    @Test
    void deadlinesRoundUpAndSaturate() {
        assertThat(Expiry.deadline(1_000, Duration.ofSeconds(2))).isEqualTo(3_000);
        assertThat(Expiry.deadline(1_000, Duration.ofNanos(1))).isEqualTo(1_001);
        assertThat(Expiry.deadline(1_000, Duration.ofMillis(1).plusNanos(1))).isEqualTo(1_002);
        assertThat(Expiry.deadline(1_000, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Expiry.NEVER - 1);
        assertThat(Expiry.isExpired(3_000, 3_000)).isTrue();
        assertThat(Expiry.isExpired(3_000, 2_999)).isFalse();
        assertThat(Expiry.remaining(3_000, 1_000)).contains(Duration.ofSeconds(2));
        assertThat(Expiry.remaining(3_000, 3_000)).isEmpty();
        assertThat(Expiry.remaining(Expiry.NEVER, 0)).isEmpty();
    }

    @Test
    void aLifecycleClosesOnceAndChildrenDieWithTheirParents() {
        Lifecycle store = Lifecycle.root("store closed", false);
        Lifecycle snap = store.child("snapshot closed");
        Lifecycle cursor = snap.child("cursor closed");
        cursor.ensureOpen();
        assertThat(snap.close()).isTrue();
        assertThat(snap.close()).isFalse();
        assertThatThrownBy(cursor::ensureOpen).isInstanceOf(StoreClosedException.class).hasMessage("snapshot closed");
        assertThat(cursor.isOpen()).isFalse();
        assertThat(store.isOpen()).isTrue();
        assertThat(store.close("custom")).isTrue();
        assertThatThrownBy(store::ensureOpen).hasMessage("custom");
    }

    @Test
    void aReadOnlyLifecycleRefusesWritesButNotReads() {
        Lifecycle ro = Lifecycle.root("closed", true);
        ro.child("txn").ensureOpen();
        assertThatThrownBy(() -> ro.child("txn").ensureWritable()).isInstanceOf(ReadOnlyStoreException.class);
        ro.close();
        assertThatThrownBy(ro::ensureWritable).isInstanceOf(StoreClosedException.class);
    }

    @Test
    void metricsAddUpAndIncludeEngineFigures() {
        MetricsRecorder m = new MetricsRecorder();
        m.read();
        m.reads(2);
        m.write();
        m.writes(3);
        m.delete();
        m.deletes(2);
        m.scan();
        m.commit();
        m.conflict();
        m.expired(4);
        m.add("flushes", 2);
        m.add("flushes", 1);
        m.gauge("versions", () -> 42);
        StoreMetrics s = m.snapshot();
        assertThat(s).isEqualTo(new StoreMetrics(3, 4, 3, 1, 1, 1, 4, java.util.Map.of("flushes", 3L, "versions", 42L)));
    }

    @Test
    void mergesWrapOperatorFailuresAndProtectStoredBytes() {
        byte[] existing = Bytes.utf8("abc");
        StoreConfig config = StoreConfig.builder().mergeOperator((k, e, o) -> {
            e[0] = 'X'; // a misbehaving operator scribbling on its input
            return o;
        }).build();
        assertThat(Merges.apply(config, Bytes.utf8("k"), existing, Bytes.utf8("o"))).isEqualTo(Bytes.utf8("o"));
        assertThat(existing).isEqualTo(Bytes.utf8("abc"));

        StoreConfig failing = StoreConfig.builder().mergeOperator((k, e, o) -> {
            throw new IllegalStateException("boom");
        }).build();
        assertThatThrownBy(() -> Merges.apply(failing, Bytes.utf8("k"), null, Bytes.utf8("o")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("boom").hasCauseInstanceOf(IllegalStateException.class);
        StoreConfig nulls = StoreConfig.builder().mergeOperator((k, e, o) -> null).build();
        assertThatThrownBy(() -> Merges.apply(nulls, Bytes.utf8("k"), null, Bytes.utf8("o")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("null");
        StoreConfig small = StoreConfig.builder().mergeOperator(MergeOperator.append()).maxValueSize(3).build();
        assertThatThrownBy(() -> Merges.apply(small, Bytes.utf8("k"), Bytes.utf8("abc"), Bytes.utf8("d")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("maxValueSize");
    }

    @Test
    void rangeViewsSliceInBothDirections() {
        TreeMap<byte[], String> m = new TreeMap<>(Bytes.ORDER);
        for (String k : new String[]{"a", "b", "c", "d"}) {
            m.put(Bytes.utf8(k), k);
        }
        assertThat(RangeViews.slice(m, KeyRange.between(Bytes.utf8("b"), Bytes.utf8("d"))).values()).containsExactly("b", "c");
        assertThat(RangeViews.slice(m, KeyRange.atLeast(Bytes.utf8("c")).reversed()).values()).containsExactly("d", "c");
        assertThat(RangeViews.slice(m, KeyRange.lessThan(Bytes.utf8("b"))).values()).containsExactly("a");
        assertThat(RangeViews.slice(m, KeyRange.prefix(Bytes.utf8("c"))).values()).containsExactly("c");
        assertThat(RangeViews.slice(m, KeyRange.between(Bytes.utf8("b"), Bytes.utf8("b")))).isEmpty();
        assertThat(RangeViews.slice(m, KeyRange.all().reversed()).values()).containsExactly("d", "c", "b", "a");
    }
}
