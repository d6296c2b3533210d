package dev.oxistore.kv.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreMetrics;
import org.junit.jupiter.api.Test;

class CasRequestTest {

    private static final StoreConfig CONFIG = StoreConfig.defaults();

    @Test
    void copiesEveryArraySoTheCallerCanReuseItsOwn() {
        byte[] key = {1};
        byte[] expected = {2};
        byte[] next = {3};
        CasRequest cas = CasRequest.of(key, expected, next, CONFIG);
        key[0] = 9;
        expected[0] = 9;
        next[0] = 9;
        assertThat(cas.key()).containsExactly(1);
        assertThat(cas.expected()).containsExactly(2);
        assertThat(cas.next()).containsExactly(3);
    }

    @Test
    void anAbsentExpectationMatchesOnlyAnAbsentValue() {
        CasRequest create = CasRequest.of(new byte[] {1}, null, new byte[] {3}, CONFIG);
        assertThat(create.matches((byte[]) null)).isTrue();
        assertThat(create.matches(new byte[0])).isFalse();
        CasRequest swap = CasRequest.of(new byte[] {1}, new byte[] {2}, null, CONFIG);
        assertThat(swap.matches((byte[]) null)).isFalse();
        assertThat(swap.matches(new TimedValue(new byte[] {2}, Expiry.NEVER))).isTrue();
        assertThat(swap.matches(new byte[] {2, 0})).isFalse();
        assertThat(swap.deletes()).isTrue();
    }

    @Test
    void recordsOneReadAndAWriteOrADeleteOnlyWhenItSwapped() {
        MetricsRecorder metrics = new MetricsRecorder();
        CasRequest put = CasRequest.of(new byte[] {1}, null, new byte[] {3}, CONFIG);
        CasRequest delete = CasRequest.of(new byte[] {1}, new byte[] {3}, null, CONFIG);
        assertThat(put.record(true, metrics)).isTrue();
        assertThat(delete.record(true, metrics)).isTrue();
        assertThat(put.record(false, metrics)).isFalse();
        StoreMetrics m = metrics.snapshot();
        assertThat(m.reads()).isEqualTo(3);
        assertThat(m.writes()).isEqualTo(1);
        assertThat(m.deletes()).isEqualTo(1);
    }

    @Test
    void rejectsAnEmptyKeyAndAValueOverTheLimit() {
        assertThatThrownBy(() -> CasRequest.of(new byte[0], null, new byte[] {1}, CONFIG))
                .isInstanceOf(InvalidArgumentException.class);
        StoreConfig small = StoreConfig.builder().maxValueSize(4).build();
        assertThatThrownBy(() -> CasRequest.of(new byte[] {1}, null, new byte[5], small))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
