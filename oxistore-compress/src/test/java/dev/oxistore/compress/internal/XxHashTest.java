package dev.oxistore.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.compress.TestInputs;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** xxHash32 and xxHash64 against reference vectors (from the reference implementation), and streaming. */
class XxHashTest {

    private static final String[] INPUTS = {"", "a", "abc", "Nobody inspects the spammish repetition",
        "0123456789abcdef0123456789abcdef0123456789"};
    private static final int[] XXH32 = {0x02CC5D05, 0x550D7456, 0x32D153FF, 0xE2293B2F, 0x386F91D2};
    private static final int[] XXH32_SEED1 = {0x0B2CB792, 0xF514706F, 0xAA3DA8FF, 0x534469EA, 0xDD27CAF5};
    private static final long[] XXH64 = {0xEF46DB3751D8E999L, 0xD24EC4F1A98C6E5BL, 0x44BC2CF5AD770999L,
        0xFBCEA83C8A378BF1L, 0xA76190C3ACF08A1CL};
    private static final long[] XXH64_SEED1 = {0xD5AFBA1336A3BE4BL, 0xDEC2BC81C3CD46C6L, 0xBEA9CA8199328908L,
        0x43F425448D954DB6L, 0x2B8D7720869B31A6L};

    @Test
    void matchesReferenceVectors() {
        for (int i = 0; i < INPUTS.length; i++) {
            byte[] b = INPUTS[i].getBytes(StandardCharsets.US_ASCII);
            assertThat(XxHash32.hash(b, 0, b.length, 0)).as(INPUTS[i]).isEqualTo(XXH32[i]);
            assertThat(XxHash32.hash(b, 0, b.length, 1)).as(INPUTS[i]).isEqualTo(XXH32_SEED1[i]);
            assertThat(XxHash64.hash(b, 0, b.length, 0)).as(INPUTS[i]).isEqualTo(XXH64[i]);
            assertThat(XxHash64.hash(b, 0, b.length, 1)).as(INPUTS[i]).isEqualTo(XXH64_SEED1[i]);
        }
    }

    @Test
    void streamingInRandomPiecesEqualsOneShot() {
        SplittableRandom r = new SplittableRandom(TestInputs.SEED);
        XxHash32 h32 = new XxHash32(7);
        XxHash64 h64 = new XxHash64(7);
        for (int i = 0; i < 200; i++) {
            byte[] b = TestInputs.generate(TestInputs.Kind.RANDOM, r.nextInt(5000), r.nextLong());
            int off = b.length == 0 ? 0 : r.nextInt(b.length);
            h32.reset();
            h64.reset();
            int p = off;
            while (p < b.length) {
                int n = Math.min(b.length - p, r.nextInt(70));
                h32.update(b, p, n);
                h64.update(b, p, n);
                p += n;
            }
            assertThat(h32.digest()).as("seed " + TestInputs.SEED).isEqualTo(XxHash32.hash(b, off, b.length - off, 7));
            assertThat(h64.digest()).as("seed " + TestInputs.SEED).isEqualTo(XxHash64.hash(b, off, b.length - off, 7));
        }
    }
}
