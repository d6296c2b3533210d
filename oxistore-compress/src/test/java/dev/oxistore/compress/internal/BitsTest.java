package dev.oxistore.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.compress.TestInputs;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The word-at-a-time helpers against byte-by-byte models. */
class BitsTest {

    @Test
    void matchLengthEqualsTheByteByByteCount() {
        SplittableRandom r = new SplittableRandom(TestInputs.SEED);
        for (int i = 0; i < 5000; i++) {
            byte[] a = TestInputs.generate(TestInputs.Kind.SMALL_ALPHABET, 200, r.nextLong());
            int q = r.nextInt(100);
            int p = q + 1 + r.nextInt(99);
            int limit = p + r.nextInt(a.length - p + 1);
            int expected = 0;
            while (p + expected < limit && a[p + expected] == a[q + expected]) {
                expected++;
            }
            assertThat(Bits.matchLength(a, p, q, limit)).as("seed " + TestInputs.SEED).isEqualTo(expected);
        }
    }

    @Test
    void copyMatchEqualsTheByteByByteCopyAndStaysBelowTheLimit() {
        SplittableRandom r = new SplittableRandom(TestInputs.SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] a = TestInputs.generate(TestInputs.Kind.RANDOM, 400, r.nextLong());
            int op = 1 + r.nextInt(200);
            int offset = 1 + r.nextInt(op);
            int length = r.nextInt(r.nextBoolean() ? 40 : 190);
            int limit = op + length + r.nextInt(Math.max(1, a.length - op - length));
            byte[] expected = a.clone();
            for (int k = 0; k < length; k++) {
                expected[op + k] = expected[op - offset + k];
            }
            Bits.copyMatch(a, op, offset, length, limit);
            assertThat(Arrays.copyOfRange(a, 0, op + length)).as("seed " + TestInputs.SEED)
                    .isEqualTo(Arrays.copyOfRange(expected, 0, op + length));
            assertThat(Arrays.copyOfRange(a, limit, a.length)).isEqualTo(Arrays.copyOfRange(expected, limit, a.length));
        }
    }

    @Test
    void wordAccessIsLittleEndianExceptTheBigEndianInt() {
        byte[] b = new byte[8];
        Bits.putLong(b, 0, 0x0807060504030201L);
        assertThat(b).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(Bits.getInt(b, 0)).isEqualTo(0x04030201);
        assertThat(Bits.getShort(b, 6)).isEqualTo(0x0807);
        assertThat(Bits.get24(b, 1)).isEqualTo(0x040302);
        assertThat(Bits.getIntBE(b, 0)).isEqualTo(0x01020304);
        Bits.putIntBE(b, 4, 0x0A0B0C0D);
        assertThat(Arrays.copyOfRange(b, 4, 8)).containsExactly(10, 11, 12, 13);
    }
    @Test
    void wildCopy64CopiesTheRangeAndWritesAtMostFifteenBytesPastIt() {
        SplittableRandom r = new SplittableRandom(TestInputs.SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] src = TestInputs.generate(TestInputs.Kind.RANDOM, 200, r.nextLong());
            byte[] dst = TestInputs.generate(TestInputs.Kind.RANDOM, 200, r.nextLong());
            int length = 1 + r.nextInt(64);
            int sp = r.nextInt(200 - 64 - 15);
            int dp = r.nextInt(200 - 64 - 15);
            byte[] before = dst.clone();
            Bits.wildCopy64(src, sp, dst, dp, length);
            assertThat(Arrays.copyOfRange(dst, dp, dp + length)).as("seed " + TestInputs.SEED)
                    .isEqualTo(Arrays.copyOfRange(src, sp, sp + length));
            int written = (length + 15) / 16 * 16; // whole 16-byte steps
            assertThat(Arrays.copyOfRange(dst, 0, dp)).isEqualTo(Arrays.copyOfRange(before, 0, dp));
            assertThat(Arrays.copyOfRange(dst, dp + written, dst.length))
                    .isEqualTo(Arrays.copyOfRange(before, dp + written, before.length));
        }
    }

    @Test
    void wildCopy64RepeatsABackReferenceEightBytesBehind() {
        byte[] a = new byte[128];
        for (int k = 0; k < 8; k++) {
            a[k] = (byte) (k + 1);
        }
        Bits.wildCopy64(a, 0, a, 8, 56); // source 8 bytes behind: each load reads bytes already stored
        for (int k = 0; k < 64; k++) {
            assertThat(a[k]).as("byte " + k).isEqualTo((byte) (k % 8 + 1));
        }
    }

    @Test
    void copyBack64CopiesANonOverlappingBackReferenceAndWritesAtMostThirtyOneBytesPastIt() {
        SplittableRandom r = new SplittableRandom(TestInputs.SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] a = TestInputs.generate(TestInputs.Kind.RANDOM, 400, r.nextLong());
            int length = 1 + r.nextInt(64);
            int from = r.nextInt(100);
            int to = from + length + r.nextInt(100);
            byte[] expected = a.clone();
            System.arraycopy(a, from, expected, to, length);
            byte[] before = a.clone();
            Bits.copyBack64(a, from, to, length);
            assertThat(Arrays.copyOfRange(a, to, to + length)).as("seed " + TestInputs.SEED)
                    .isEqualTo(Arrays.copyOfRange(expected, to, to + length));
            int written = length > 32 ? 64 : 32;
            assertThat(Arrays.copyOfRange(a, 0, to)).isEqualTo(Arrays.copyOfRange(before, 0, to));
            assertThat(Arrays.copyOfRange(a, to + written, a.length))
                    .isEqualTo(Arrays.copyOfRange(before, to + written, before.length));
        }
    }
}
