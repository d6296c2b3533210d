package dev.oxistore.kv.btree;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.IntegrityReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * What an open does before trusting a store file, and the rollback repair.
 *
 * <p>Every open checks for a silent rollback: when the file header says the store was closed
 * cleanly at MVStore version {@code H} but MVStore could only open an older version (its newest
 * chunks failed their header or footer check, or the file was truncated), commits that were
 * durable are missing. That is corruption, not crash recovery (after a crash the header is not
 * marked clean), and the open fails with {@link CorruptionException}.
 *
 * <p>With {@code btree.recovery=rollback} the open instead verifies the whole store (every page,
 * see {@link Integrity}); if anything fails it keeps a copy of the damaged file beside it
 * ({@code store.mv.damaged-<time>}), rolls the file back to the newest older version that
 * verifies completely, and reports what was dropped: the MVStore versions and the commit sequence
 * numbers (in a {@code REPAIR-<time>.txt} file in the store directory, in the log, and in the
 * store's metrics as {@code btree.recovery.*}).
 */
final class Recovery {

    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    /**
     * What a rollback repair did.
     *
     * @param fromVersion the MVStore version the file claimed (or held) before the repair
     * @param toVersion   the version it was rolled back to
     * @param seqBefore   the last commit sequence number before, or -1 when it could not be read
     * @param seqAfter    the last commit sequence number kept
     * @param damagedCopy the copy of the damaged file
     * @param problems    what failed verification
     */
    record Report(long fromVersion, long toVersion, long seqBefore, long seqAfter, Path damagedCopy, List<String> problems) {
        /** Commits dropped, or -1 when unknown. */
        long droppedCommits() {
            return seqBefore < 0 ? -1 : Math.max(0, seqBefore - seqAfter);
        }

        String describe() {
            return "rolled back from MVStore version " + fromVersion + " to " + toVersion + "; kept commits up to sequence number "
                    + seqAfter + (seqBefore < 0 ? " (the damaged state's last sequence number could not be read)"
                    : ", dropped " + droppedCommits() + " commit(s) (" + (seqAfter + 1) + ".." + seqBefore + ")")
                    + "; the damaged file is kept as " + damagedCopy + "; problems found: " + problems;
        }
    }

    private Recovery() {
    }

    /**
     * Checks a freshly opened MVStore, repairing it when {@code options} ask for it.
     *
     * @return the repair report, or null when nothing was repaired
     * @throws CorruptionException when the store fails verification and may not (or cannot) be repaired
     */
    static Report verifyOnOpen(MVStore mv, StoreDir dir, BtreeOptions options, String where) {
        Map<String, Object> header = mv.getStoreHeader();
        long headerVersion = DataUtils.readHexLong(header, "version", 0);
        boolean clean = DataUtils.readHexLong(header, "clean", 0) != 0;
        long current = mv.getCurrentVersion();
        boolean lostTail = clean && headerVersion > current;
        if (options.recovery() == BtreeOptions.Recovery.FAIL) {
            if (lostTail) {
                throw new CorruptionException("store " + where + " was closed cleanly at version " + headerVersion
                        + " but only version " + current + " verifies: the newest part of the file is damaged or truncated, "
                        + "so committed data is missing; " + Errors.repairHint());
            }
            return null;
        }
        List<String> problems = verify(mv, where);
        if (!lostTail && problems.isEmpty()) {
            return null;
        }
        long seqBefore = lostTail ? -1 : readSeq(mv, where);
        long fromVersion = lostTail ? headerVersion : current;
        if (lostTail) {
            problems = new ArrayList<>(problems);
            problems.addFirst("the file header records a clean close at version " + headerVersion
                    + " but only version " + current + " could be opened");
        }
        String stamp = Instant.now().toString().replace(':', '-');
        Path copy = dir.dir().resolve(StoreDir.DATA + ".damaged-" + stamp);
        try {
            Files.copy(dir.dataFile(), copy);
        } catch (IOException e) {
            throw Errors.io(where, e);
        }
        List<String> remaining = verify(mv, where);
        if (!remaining.isEmpty()) {
            boolean repaired = false;
            for (long v : candidateVersions(mv, mv.getCurrentVersion())) {
                try {
                    mv.rollbackTo(v);
                } catch (RuntimeException | AssertionError e) {
                    Errors.rethrowUnlessMvStore(e);
                    continue; // that version's chunks are gone
                }
                if (verify(mv, where).isEmpty()) {
                    repaired = true;
                    break;
                }
            }
            if (!repaired) {
                throw new CorruptionException("store " + where + " failed verification and no earlier version verifies either ("
                        + problems + "); the damaged file is kept as " + copy + ": restore a backup");
            }
        }
        long seqAfter = readSeq(mv, where);
        long toVersion = mv.getCurrentVersion();
        MVMap<byte[], byte[]> meta = Layout.openMeta(mv, where);
        if (meta != null) {
            // a commit after the repair rewrites the header, so the next open does not see the old clean mark
            Layout.put(meta, Layout.K_LAST_REPAIR, Instant.now().toString());
        }
        mv.commit();
        mv.sync();
        Report report = new Report(fromVersion, toVersion, seqBefore, Math.max(seqAfter, 0), copy, List.copyOf(problems));
        LOG.log(System.Logger.Level.WARNING, "store " + where + " repaired: " + report.describe());
        try {
            Files.writeString(dir.dir().resolve("REPAIR-" + stamp + ".txt"), report.describe() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the repair report of " + where, e);
        }
        return report;
    }

    /** Every problem of the store as it is now (exceptions included, as problems). */
    static List<String> verify(MVStore mv, String where) {
        try {
            MVMap<byte[], byte[]> meta = Layout.openMeta(mv, where);
            if (meta == null) {
                return List.of();
            }
            List<Integrity.Space> spaces = new ArrayList<>();
            for (Layout.KsEntry e : Layout.keyspaces(meta, where).values()) {
                MVMap<byte[], byte[]> map = Layout.openKeyspace(mv, e, where);
                Layout.check(meta, Integer.toString(e.id()), map, "keyspace '" + e.name() + "'", where);
                spaces.add(new Integrity.Space(e.name(), e.id(), map));
            }
            MVMap<byte[], byte[]> ttl = mv.openMap(Layout.TTL, Layout.builder());
            Layout.check(meta, Layout.TTL_COUNT, ttl, "the TTL index", where);
            IntegrityReport r = Integrity.check(spaces, ttl, meta, mv);
            return r.problems();
        } catch (RuntimeException | AssertionError e) {
            Errors.rethrowUnlessMvStore(e);
            return List.of(String.valueOf(e.getMessage()));
        }
    }

    private static long readSeq(MVStore mv, String where) {
        try {
            MVMap<byte[], byte[]> meta = Layout.openMeta(mv, where);
            return meta == null ? 0 : Layout.getLong(meta, Layout.K_SEQ, where);
        } catch (RuntimeException | AssertionError e) {
            Errors.rethrowUnlessMvStore(e);
            return -1;
        }
    }

    /** The versions of the chunks the file still has, older than {@code current}, newest first. */
    private static List<Long> candidateVersions(MVStore mv, long current) {
        TreeSet<Long> versions = new TreeSet<>();
        try {
            for (Map.Entry<String, String> e : mv.getLayoutMap().entrySet()) {
                if (e.getKey().startsWith(DataUtils.LAYOUT_CHUNK)) {
                    long v = DataUtils.readHexLong(DataUtils.parseMap(e.getValue()), "version", -1);
                    if (v >= 0 && v < current) {
                        versions.add(v);
                    }
                }
            }
        } catch (RuntimeException | AssertionError e) {
            Errors.rethrowUnlessMvStore(e);
            // the catalogue itself is damaged: no version to go back to
        }
        return new ArrayList<>(versions.descendingSet());
    }
}
