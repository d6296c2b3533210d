/** The HLOG engine: a FASTER-style latch-free hash index over a hybrid log in off-heap memory (java.lang.foreign). Internal. */
package dev.oxistore.kv.hlog;
