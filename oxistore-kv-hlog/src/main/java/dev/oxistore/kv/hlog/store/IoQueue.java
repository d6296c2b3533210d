package dev.oxistore.kv.hlog.store;

import dev.oxistore.kv.hlog.log.HybridLog;
import dev.oxistore.kv.hlog.log.Records;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The I/O threads that walk hash chains on disk for pending operations, then hand the result back
 * to the session's completed queue (or complete the operation's future directly).
 */
final class IoQueue implements AutoCloseable {

    private final HybridLog log;
    private final ExecutorService pool;

    IoQueue(HybridLog log, int threads) {
        this.log = log;
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("hlog-io-", 0).factory());
    }

    void submit(Session session, Pending p) {
        pool.execute(() -> run(session, p));
    }

    private void run(Session session, Pending p) {
        try {
            DiskRecord r = DiskRecord.find(log, p.diskAddress, p.keyBytes());
            if (r == null || Records.isTombstone(r.header())) {
                p.status = Status.NOT_FOUND;
            } else {
                p.status = Status.OK;
                p.value = r.value();
            }
        } catch (Throwable t) {
            p.error = t;
        }
        if (p.future != null) {
            if (p.error != null) {
                p.future.completeExceptionally(p.error);
            } else {
                p.future.complete(p.status == Status.OK ? p.value : null);
            }
        } else {
            session.completed.add(p);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
