package dev.oxistore.compress.internal.zstd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.compress.TestInputs;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The entropy encoders against the decoders' readers: FSE descriptions and Huffman codes. */
class ZstdEntropyTest {

    @Test
    void normalizedCountsSumToTheTableAndSurviveTheirDescription() {
        SplittableRandom r = new SplittableRandom(TestInputs.SEED);
        Fse.Counts read = new Fse.Counts();
        short[] norm = new short[256];
        byte[] buf = new byte[600];
        for (int i = 0; i < 3000; i++) {
            int maxSymbol = 1 + r.nextInt(52);
            int[] count = new int[maxSymbol + 1];
            int total = 0;
            for (int s = 0; s <= maxSymbol; s++) {
                count[s] = r.nextInt(4) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 5 : 5000);
                total += count[s];
            }
            count[maxSymbol] += 1;
            count[0] += 1;
            total += 2;
            int log = FseEncoder.optimalLog(9, total, maxSymbol);
            FseEncoder.normalize(norm, log, count, total, maxSymbol);
            int sum = 0;
            for (int s = 0; s <= maxSymbol; s++) {
                assertThat(norm[s] != 0).as("present symbols keep a share, seed " + TestInputs.SEED).isEqualTo(count[s] != 0);
                sum += Math.abs(norm[s]);
            }
            assertThat(sum).isEqualTo(1 << log);
            int n = FseEncoder.writeCounts(buf, 0, buf.length, norm, maxSymbol, log);
            assertThat(Fse.readCounts("zstd", buf, 0, n, read, maxSymbol, 9)).isEqualTo(n);
            assertThat(read.log).isEqualTo(log);
            assertThat(read.maxSymbol).isEqualTo(maxSymbol);
            assertThat(Arrays.copyOf(read.norm, maxSymbol + 1)).isEqualTo(Arrays.copyOf(norm, maxSymbol + 1));
        }
    }

    @Test
    void huffmanCodesAreLengthLimitedAndDecodeBack() {
        SplittableRandom r = new SplittableRandom(TestInputs.SEED);
        HuffmanEncoder enc = new HuffmanEncoder();
        Huffman dec = new Huffman();
        byte[] buf = new byte[1 << 18];
        for (int i = 0; i < 300; i++) {
            int n = 2 + r.nextInt(r.nextBoolean() ? 300 : 100_000);
            byte[] lit = new byte[n];
            int alphabet = 2 + r.nextInt(255);
            boolean skewed = r.nextInt(3) == 0;
            for (int k = 0; k < n; k++) {
                // Skewed: geometric-like frequencies whose optimal code is deeper than 11 bits.
                int s = skewed ? Math.min(alphabet - 1, Integer.numberOfTrailingZeros(r.nextInt() | 1 << 30))
                        : r.nextInt(alphabet);
                lit[k] = (byte) s;
            }
            lit[0] = 0;
            lit[n - 1] = (byte) (alphabet - 1);
            if (enc.histogram(lit, 0, n) < 2) {
                continue;
            }
            enc.build();
            int table = enc.writeTable(buf, 0, buf.length);
            if (table < 0) {
                continue; // more than 128 weights that FSE cannot shrink: the block stores literals raw
            }
            boolean single = n < 256 || r.nextBoolean();
            int size = single ? enc.encode1(lit, 0, n, buf, table, buf.length) : enc.encode4(lit, 0, n, buf, table, buf.length);
            assertThat(size).isPositive();
            assertThat(dec.readTable("zstd", buf, 0, table)).isEqualTo(table);
            assertThat(dec.log).isLessThanOrEqualTo(HuffmanEncoder.MAX_BITS);
            byte[] out = new byte[n];
            if (single) {
                dec.decode1("zstd", buf, table, table + size, out, 0, n);
            } else {
                dec.decode4("zstd", buf, table, table + size, out, 0, n);
            }
            assertThat(out).as("seed " + TestInputs.SEED).isEqualTo(lit);
        }
    }
}
