/**
 * The HLOG engine: a FASTER-style latch-free hash index over a hybrid log in off-heap memory
 * (java.lang.foreign). The facade finds the {@code KvStore} engine through
 * {@link java.util.ServiceLoader}; {@code dev.oxistore.kv.hlog.store} is the native session API
 * (FASTER's {@code FasterKV}: sessions, {@code long} fast path, pending I/O, CPR checkpoints).
 */
module dev.oxistore.kv.hlog {
    requires dev.oxistore.core;

    exports dev.oxistore.kv.hlog.store;

    provides dev.oxistore.kv.spi.KvEngine with dev.oxistore.kv.hlog.HlogEngine;
}
