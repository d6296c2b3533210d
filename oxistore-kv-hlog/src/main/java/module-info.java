/**
 * The HLOG engine: a FASTER-style latch-free hash index over a hybrid log in off-heap memory (java.lang.foreign). Nothing is exported; the facade finds the engine through {@link java.util.ServiceLoader}.
 */
module dev.oxistore.kv.hlog {
    requires dev.oxistore.core;
}
