package dev.oxistore.compress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generators of codec inputs, the codec matrix, and the run's seed and soak factor. Every
 * random choice in the tests derives from {@link #SEED} (set it with {@code -Doxistore.seed=N} to
 * replay a failure; failures print it).
 */
public final class TestInputs {

    /** The run's base seed: {@code -Doxistore.seed}, else fresh per run. */
    public static final long SEED = Long.getLong("oxistore.seed", System.nanoTime());

    /** The iteration multiplier: {@code -Doxistore.soak=N}, default 1. */
    public static final int SOAK = Math.max(1, Integer.getInteger("oxistore.soak", 1));

    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or his from"
            + " at which but have an they you were her she there been one all we their has would when if so no what"
            + " compression storage engine block frame literal match offset window table checksum stream value key"
            + " Parquet column page dictionary entropy Huffman sequence").split(" ");

    private TestInputs() {
    }

    /** Every codec with default options, plus the extreme Deflate levels. */
    public static List<Codec> codecs() {
        List<Codec> all = new ArrayList<>(Codecs.all());
        all.add(Codecs.deflate(0));
        all.add(Codecs.deflate(1));
        all.add(Codecs.gzip(9));
        return all;
    }

    /** The kinds of generated input, from incompressible to degenerate. */
    public enum Kind { RANDOM, TEXT, RUNS, PERIODIC, SMALL_ALPHABET, INTEGERS, ZEROS, MIXED, FAR_REPEAT }

    /** A generated input of {@code kind} and {@code size} bytes, fully determined by {@code seed}. */
    public static byte[] generate(Kind kind, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[size];
        switch (kind) {
            case RANDOM -> r.nextBytes(b);
            case TEXT -> {
                StringBuilder sb = new StringBuilder(size + 16);
                while (sb.length() < size) {
                    sb.append(WORDS[r.nextInt(WORDS.length)]);
                    sb.append(r.nextInt(12) == 0 ? ".\n" : r.nextInt(9) == 0 ? ", " : " ");
                    if (r.nextInt(50) == 0) {
                        sb.append(r.nextInt(100000));
                    }
                }
                System.arraycopy(sb.toString().getBytes(StandardCharsets.US_ASCII), 0, b, 0, size);
            }
            case RUNS -> {
                int i = 0;
                while (i < size) {
                    int n = Math.min(size - i, 1 + r.nextInt(r.nextBoolean() ? 8 : 2000));
                    Arrays.fill(b, i, i + n, (byte) r.nextInt(256));
                    i += n;
                }
            }
            case PERIODIC -> {
                int period = 1 + r.nextInt(r.nextBoolean() ? 16 : 400);
                byte[] unit = new byte[period];
                r.nextBytes(unit);
                for (int i = 0; i < size; i++) {
                    b[i] = r.nextInt(200) == 0 ? (byte) r.nextInt(256) : unit[i % period];
                }
            }
            case SMALL_ALPHABET -> {
                int n = 2 + r.nextInt(15);
                for (int i = 0; i < size; i++) {
                    b[i] = (byte) ('a' + Math.min(r.nextInt(n), r.nextInt(n)));
                }
            }
            case INTEGERS -> {
                int v = r.nextInt();
                for (int i = 0; i + 4 <= size; i += 4) {
                    v += r.nextInt(r.nextBoolean() ? 16 : 70000);
                    b[i] = (byte) v;
                    b[i + 1] = (byte) (v >>> 8);
                    b[i + 2] = (byte) (v >>> 16);
                    b[i + 3] = (byte) (v >>> 24);
                }
            }
            case ZEROS -> {
            }
            case MIXED -> {
                int i = 0;
                Kind[] parts = {Kind.RANDOM, Kind.TEXT, Kind.RUNS, Kind.PERIODIC, Kind.SMALL_ALPHABET, Kind.INTEGERS};
                while (i < size) {
                    int n = Math.min(size - i, 1 + r.nextInt(Math.max(1, Math.min(size, 70000))));
                    if (i > 0 && r.nextInt(3) == 0) {
                        int from = r.nextInt(i);
                        n = Math.min(n, i - from);
                        System.arraycopy(b, from, b, i, n); // an earlier stretch repeated: long matches
                    } else {
                        byte[] part = generate(parts[r.nextInt(parts.length)], n, r.nextLong());
                        System.arraycopy(part, 0, b, i, n);
                    }
                    i += n;
                }
            }
            case FAR_REPEAT -> {
                int half = size / 2;
                byte[] head = generate(Kind.RANDOM, half, r.nextLong());
                System.arraycopy(head, 0, b, 0, half);
                System.arraycopy(head, 0, b, half, Math.min(half, size - half));
                if (size - 2 * half > 0) {
                    b[size - 1] = (byte) r.nextInt();
                }
            }
            default -> throw new IllegalStateException();
        }
        return b;
    }

    /** A size from a distribution that favors format edges and small inputs, occasionally large. */
    public static int size(SplittableRandom r) {
        int[] edges = {0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 13, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129,
            255, 256, 257, 1023, 1024, 4095, 4096, 16383, 16384, 65535, 65536, 65537};
        return switch (r.nextInt(10)) {
            case 0, 1, 2 -> edges[r.nextInt(edges.length)];
            case 3, 4, 5, 6 -> r.nextInt(4096);
            case 7, 8 -> r.nextInt(200_000);
            default -> r.nextInt(r.nextInt(8) == 0 ? 3_000_000 : 600_000);
        };
    }

    /** A random input: a random kind and size. */
    public static byte[] random(SplittableRandom r) {
        Kind[] kinds = Kind.values();
        return generate(kinds[r.nextInt(kinds.length)], size(r), r.nextLong());
    }

    /** Fixed edge cases: empty, one byte, tiny, incompressible, highly repetitive, mixed. */
    public static List<byte[]> edgeCases() {
        return List.of(new byte[0], new byte[] {42}, new byte[] {0, 0}, "abcabcabcabc".getBytes(StandardCharsets.US_ASCII),
                generate(Kind.RANDOM, 1 << 20, 1), generate(Kind.ZEROS, 1 << 20, 2), generate(Kind.PERIODIC, 300_000, 3),
                generate(Kind.TEXT, 200_000, 4), generate(Kind.MIXED, 2_500_000, 5), generate(Kind.FAR_REPEAT, 5_000_000, 6));
    }

    /** A small JSON-like record; many of them share most of their bytes (the case for dictionaries). */
    public static byte[] record(SplittableRandom r) {
        return ("{\"id\":" + r.nextInt(1_000_000) + ",\"name\":\"user" + r.nextInt(5000) + "\",\"email\":\"user"
                + r.nextInt(5000) + "@example.com\",\"active\":" + r.nextBoolean() + ",\"roles\":[\"reader\",\"writer\"],"
                + "\"created\":\"2024-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + "T10:00:00Z\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** 64 MiB of mixed content (about 3:1 compressible), the same every run. */
    public static byte[] large() {
        return generate(Kind.MIXED, 64 << 20, 64);
    }
}
