package dev.oxistore.kv.btree;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * Online compaction of the MVStore file, in passes: rewrite the live pages of chunks that are
 * less than {@value #TARGET_FILL_RATE}% full into new chunks, commit (so the old ones become dead
 * and, once no pinned version needs them, free), then move chunks into the holes towards the
 * start of the file and truncate its tail. Passes repeat while the file keeps shrinking.
 *
 * <p>Runs under the store's locks (writers wait, readers do not). The retention time and the
 * number of old versions kept are set to zero meanwhile, so freed chunks are reused at once.
 * Versions pinned by open snapshots, cursors and transactions keep their chunks, so compaction
 * reclaims less while they are open.
 */
final class Compaction {

    /** Chunks below this fill rate (percent of live bytes) are rewritten. */
    static final int TARGET_FILL_RATE = 90;
    private static final int MAX_PASSES = 8;

    private Compaction() {
    }

    /**
     * Compacts {@code mv}. {@code republish} commits and replaces the store's own view with a
     * fresh one, so the store itself pins only the newest version between steps.
     */
    static void run(MVStore mv, Runnable republish) {
        FileStore<?> fs = mv.getFileStore();
        int retention = mv.getRetentionTime();
        int versions = mv.getVersionsToKeep();
        mv.setRetentionTime(0);
        mv.setVersionsToKeep(0);
        try {
            republish.run();
            long size = fs.size();
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                mv.compact(TARGET_FILL_RATE, Integer.MAX_VALUE); // mark live pages of sparse chunks for rewriting
                republish.run();                                   // write them; older chunks die
                if (fs instanceof RandomAccessStore ras) {
                    ras.compactMoveChunks(100, Long.MAX_VALUE, mv); // free dead chunks, close the holes, truncate
                }
                republish.run();
                long now = fs.size();
                if (now >= size) {
                    break;
                }
                size = now;
            }
        } finally {
            mv.setVersionsToKeep(versions);
            mv.setRetentionTime(retention);
        }
    }
}
