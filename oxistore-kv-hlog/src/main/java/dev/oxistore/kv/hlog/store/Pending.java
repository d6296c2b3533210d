package dev.oxistore.kv.hlog.store;

import java.util.concurrent.CompletableFuture;

/**
 * An operation waiting for a record on disk: the key, where the disk walk starts, and what to do
 * with the result. Filled by the session, walked on an I/O thread, finished by the session (or,
 * for a future read, by the I/O thread).
 */
final class Pending {
    enum Kind { READ, RMW }

    final Kind kind;
    final long longKey;
    final byte[] key; // null for the long path
    final long hash;
    final long entryAddress; // the chain head when the op went pending (RMW retries if it moved)
    final long diskAddress;
    final LongRmw longRmw;
    final BytesRmw bytesRmw;
    final CompletableFuture<byte[]> future; // non-null: completed by the I/O thread
    // results, written by the I/O thread before the hand-off
    Status status;
    byte[] value;
    Throwable error;

    Pending(Kind kind, long longKey, byte[] key, long hash, long entryAddress, long diskAddress, LongRmw longRmw,
            BytesRmw bytesRmw, CompletableFuture<byte[]> future) {
        this.kind = kind;
        this.longKey = longKey;
        this.key = key;
        this.hash = hash;
        this.entryAddress = entryAddress;
        this.diskAddress = diskAddress;
        this.longRmw = longRmw;
        this.bytesRmw = bytesRmw;
        this.future = future;
    }

    byte[] keyBytes() {
        return key != null ? key : dev.oxistore.kv.hlog.log.Records.bigEndianBytes(longKey);
    }
}
