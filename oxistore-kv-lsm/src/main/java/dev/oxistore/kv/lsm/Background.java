package dev.oxistore.kv.lsm;

import dev.oxistore.kv.lsm.sst.TableMeta;
import dev.oxistore.kv.lsm.sst.TableReader;
import dev.oxistore.kv.lsm.sst.TableWriter;
import dev.oxistore.kv.lsm.version.VersionEdit;
import dev.oxistore.kv.spi.MetricsRecorder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The two background threads: the flusher writes frozen memtables to level-0 tables (oldest
 * first, each only once every commit in it is visible) and retires the logs they cover; the
 * compactor runs {@link Compaction}s while the tree needs them. A failure stops the thread and is
 * recorded in the tree, which then refuses writes with it; reads go on.
 */
final class Background {

    private static final System.Logger LOG = System.getLogger(Background.class.getName());

    private final Tree tree;
    private final MetricsRecorder metrics;
    private final ReentrantLock compactionLock = new ReentrantLock();
    private final byte[][] pointers = new byte[LsmOptions.LEVELS][];
    private final Object flushSignal = new Object();
    private final Object compactionSignal = new Object();
    private volatile boolean stopping;
    private Thread flusher;
    private Thread compactor;

    Background(Tree tree, MetricsRecorder metrics) {
        this.tree = tree;
        this.metrics = metrics;
    }

    void start(String name) {
        flusher = Thread.ofPlatform().daemon().name("oxistore-lsm-flush-" + name).start(this::flushLoop);
        compactor = Thread.ofPlatform().daemon().name("oxistore-lsm-compact-" + name).start(this::compactLoop);
    }

    void flushNeeded() {
        synchronized (flushSignal) {
            flushSignal.notifyAll();
        }
    }

    void compactionNeeded() {
        synchronized (compactionSignal) {
            compactionSignal.notifyAll();
        }
    }

    boolean stopping() {
        return stopping;
    }

    private void flushLoop() {
        while (!stopping) {
            Memtable imm = tree.oldestImmutable();
            if (imm == null || tree.visibleSeq() < imm.maxSeq || tree.backgroundError() != null) {
                await(flushSignal, 20);
                continue;
            }
            try {
                flush(imm);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "flush failed in " + tree.files.dir() + "; writes are refused until reopen", e);
                tree.setBackgroundError("flush", e);
            }
        }
    }

    private void flush(Memtable imm) throws IOException {
        tree.trace.begin("flush");
        VersionEdit edit = new VersionEdit();
        edit.logNumber = imm.nextLogNumber;
        List<TableReader> opened = new ArrayList<>();
        if (!imm.isEmpty()) {
            TableMeta meta;
            try (TableWriter w = new TableWriter(tree.files.io(), tree.files.dir(), tree.newFileNumber(), tree.options)) {
                for (var e : imm.map.entrySet()) {
                    w.add(e.getKey(), e.getValue());
                }
                meta = w.finish(tree.trace::pause);
            }
            opened.add(TableReader.open(tree.files, meta));
            edit.add(0, meta);
        }
        try {
            tree.install(edit, opened, rs -> {
                List<Memtable> imms = new ArrayList<>(rs.imms());
                imms.remove(imm);
                return new ReadState(rs.mem(), List.copyOf(imms), rs.version());
            });
        } catch (IOException | RuntimeException e) {
            // not installed: close the reader (no version holds it); the file stays, as the edit may be on disk
            for (TableReader t : opened) {
                t.forceClose();
            }
            throw e;
        }
        for (String name : tree.files.list()) {
            long n = StoreFiles.numberOf(name);
            if (name.endsWith(".log") && n >= 0 && n < edit.logNumber) {
                tree.files.delete(name);
            }
        }
        tree.trace.end("flush");
        metrics.add("lsm.flushes", 1);
        compactionNeeded();
    }

    private void compactLoop() {
        while (!stopping) {
            boolean worked = false;
            if (tree.backgroundError() == null) {
                try {
                    worked = compactOnce();
                } catch (IOException | RuntimeException e) {
                    if (stopping) {
                        return;
                    }
                    LOG.log(System.Logger.Level.ERROR, "compaction failed in " + tree.files.dir() + "; writes are refused until reopen", e);
                    tree.setBackgroundError("compaction", e);
                }
            }
            if (!worked) {
                await(compactionSignal, 100);
            }
        }
    }

    /** Runs the most needed compaction, if any; true when one ran. */
    boolean compactOnce() throws IOException {
        compactionLock.lock();
        try {
            ReadState rs = tree.acquire();
            try {
                Compaction c = Compaction.pick(rs.version(), tree.options, pointers);
                if (c == null) {
                    return false;
                }
                c.run(tree, this::stopping);
                metrics.add("lsm.compactions", 1);
                return true;
            } finally {
                tree.release(rs);
            }
        } finally {
            compactionLock.unlock();
        }
    }

    /** Rewrites every table into the deepest level (manual {@code compact()}). */
    void compactAll() throws IOException {
        compactionLock.lock();
        try {
            ReadState rs = tree.acquire();
            try {
                Compaction c = Compaction.full(rs.version());
                if (c != null) {
                    c.run(tree, this::stopping);
                    metrics.add("lsm.compactions", 1);
                }
            } finally {
                tree.release(rs);
            }
        } finally {
            compactionLock.unlock();
        }
    }

    private void await(Object signal, long millis) {
        synchronized (signal) {
            try {
                signal.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    /** Stops both threads, abandoning a running compaction. */
    void stop() {
        stopping = true;
        flushNeeded();
        compactionNeeded();
        join(flusher);
        join(compactor);
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
