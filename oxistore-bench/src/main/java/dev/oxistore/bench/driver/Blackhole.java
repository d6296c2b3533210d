package dev.oxistore.bench.driver;

/**
 * Keeps the JIT from discarding reads whose results the benchmark does not otherwise use: every
 * key and value read is folded into a volatile sink (cheap: one length each).
 */
final class Blackhole {

    @SuppressWarnings("unused")
    private static volatile int sink;

    private Blackhole() {
    }

    static void consume(byte[] key, byte[] value) {
        sink += (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }
}
