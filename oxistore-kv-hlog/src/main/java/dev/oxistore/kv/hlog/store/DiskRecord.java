package dev.oxistore.kv.hlog.store;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.hlog.log.HybridLog;
import dev.oxistore.kv.hlog.log.Records;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A record read back from the log file (the slow path: a few small positional reads). */
record DiskRecord(long header, byte[] key, byte[] value) {

    static DiskRecord read(HybridLog log, long address) {
        try {
            ByteBuffer head = ByteBuffer.allocate(Records.HEADER_BYTES).order(ByteOrder.nativeOrder());
            log.readFromDevice(address, head);
            head.flip();
            long h = head.getLong();
            long lengths = head.getLong();
            int kl = Records.keyLength(lengths);
            int vl = Records.valueLength(lengths);
            if (kl <= 0 || vl < 0 || Records.size(kl, vl) > log.pageSize()) {
                throw new CorruptionException("the log record at address " + address + " has impossible lengths (key "
                        + kl + ", value " + vl + "): the log file is damaged");
            }
            ByteBuffer body = ByteBuffer.allocate(Records.pad(kl) + vl);
            log.readFromDevice(address + Records.HEADER_BYTES, body);
            byte[] key = new byte[kl];
            byte[] value = new byte[vl];
            body.get(0, key);
            body.get(Records.pad(kl), value);
            return new DiskRecord(h, key, value);
        } catch (IOException e) {
            throw new StoreIOException("cannot read the log at address " + address + ": " + e.getMessage(), e);
        }
    }

    /** Follows the chain from {@code address} on disk to {@code key}'s newest record, or null. */
    static DiskRecord find(HybridLog log, long address, byte[] key) {
        long a = address;
        while (a >= HybridLog.BEGIN) {
            DiskRecord r = read(log, a);
            if (!Records.isInvalid(r.header) && java.util.Arrays.equals(r.key, key)) {
                return r;
            }
            a = Records.previous(r.header);
        }
        return null;
    }
}
