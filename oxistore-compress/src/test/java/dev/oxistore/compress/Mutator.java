package dev.oxistore.compress;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Mutations of valid compressed data for the fuzz tests: bit flips, byte edits, cuts, splices. */
public final class Mutator {

    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF,
        0x10000, 0x1FFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};

    private Mutator() {
    }

    /** One to three mutations of {@code in}; never returns {@code in} itself. */
    public static byte[] mutate(byte[] in, SplittableRandom r) {
        byte[] b = in.clone();
        int ops = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1;
        for (int k = 0; k < ops; k++) {
            b = once(b, r);
        }
        return b;
    }

    private static byte[] once(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            byte[] x = new byte[1 + r.nextInt(8)];
            r.nextBytes(x);
            return x;
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(10)) {
            case 0, 1 -> {
                int flips = 1 + r.nextInt(3);
                for (int i = 0; i < flips; i++) {
                    int p = r.nextInt(b.length);
                    b[p] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 2 -> b[at] = (byte) r.nextInt(256);
            case 3 -> b[at] = (byte) new int[] {0, 0xFF, b[at] + 1, b[at] - 1, 0x80, 0x7F}[r.nextInt(6)];
            case 4 -> b = Arrays.copyOf(b, r.nextInt(b.length));
            case 5 -> {
                byte[] ins = new byte[1 + r.nextInt(8)];
                r.nextBytes(ins);
                byte[] x = new byte[b.length + ins.length];
                System.arraycopy(b, 0, x, 0, at);
                System.arraycopy(ins, 0, x, at, ins.length);
                System.arraycopy(b, at, x, at + ins.length, b.length - at);
                b = x;
            }
            case 6 -> {
                int n = Math.min(b.length - at, 1 + r.nextInt(16));
                byte[] x = new byte[b.length - n];
                System.arraycopy(b, 0, x, 0, at);
                System.arraycopy(b, at + n, x, at, b.length - at - n);
                b = x;
            }
            case 7 -> {
                int from = r.nextInt(b.length);
                int n = Math.min(Math.min(b.length - from, b.length - at), 1 + r.nextInt(64));
                System.arraycopy(b.clone(), from, b, at, n);
            }
            case 8 -> {
                int v = INTERESTING[r.nextInt(INTERESTING.length)];
                int width = 1 << r.nextInt(3);
                for (int i = 0; i < width && at + i < b.length; i++) {
                    b[at + i] = (byte) (v >>> (8 * (r.nextBoolean() ? i : width - 1 - i)));
                }
            }
            default -> {
                byte[] tail = new byte[1 + r.nextInt(16)];
                r.nextBytes(tail);
                byte[] x = Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, x, b.length, tail.length);
                b = x;
            }
        }
        return b;
    }
}
