package dev.oxistore.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void orderedKeysSortLikeTheirRecordNumbersAndInterleaveWithMisses() {
        Keys hits = Keys.ordered(1000, 16, 2, 0);
        Keys misses = Keys.ordered(1000, 16, 2, 1);
        assertThat(new String(hits.key(7), StandardCharsets.US_ASCII)).isEqualTo("0000000000000014");
        for (int i = 1; i < 1000; i++) {
            assertThat(Arrays.compareUnsigned(hits.key(i - 1), hits.key(i))).isNegative();
            assertThat(Arrays.compareUnsigned(hits.key(i - 1), misses.key(i - 1))).isNegative();
            assertThat(Arrays.compareUnsigned(misses.key(i - 1), hits.key(i))).isNegative();
        }
    }

    @Test
    void orderedKeysRefuseASizeTooSmallForTheNumbers() {
        assertThatThrownBy(() -> Keys.ordered(1001, 3, 1, 0)).hasMessageContaining("larger key size");
    }

    @Test
    void hashedKeysAreDistinctOfTheRequestedSize() {
        Keys t = Keys.hashed(50_000, 20);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.key(i)).hasSize(20);
            assertThat(seen.add(new String(t.key(i), StandardCharsets.US_ASCII))).as("key %d is new", i).isTrue();
        }
        assertThat(new String(t.key(0), StandardCharsets.US_ASCII)).startsWith("user");
    }

    @Test
    void hashedKeysArePrintableHexAfterTheFiller() {
        assertThat(new String(Keys.hashed(1, 20).key(0), StandardCharsets.US_ASCII)).matches("user[0-9a-f]{16}");
        assertThat(new String(Keys.hashed(1, 16).key(0), StandardCharsets.US_ASCII)).matches("[0-9a-f]{16}");
        assertThat(new String(Keys.hashed(1, 24).key(0), StandardCharsets.US_ASCII)).matches("user0000[0-9a-f]{16}");
        assertThatThrownBy(() -> Keys.hashed(1, 15)).hasMessageContaining("at least 16");
    }

    @Test
    void consecutiveHashedRecordsAreScatteredOverTheKeySpace() {
        Keys t = Keys.hashed(1000, 16);
        int ascending = 0;
        for (int i = 1; i < 1000; i++) {
            if (java.util.Arrays.compareUnsigned(t.key(i - 1), t.key(i)) < 0) {
                ascending++;
            }
        }
        assertThat(ascending).as("hashed order: about half the neighbours ascend").isBetween(400, 600);
    }
}
