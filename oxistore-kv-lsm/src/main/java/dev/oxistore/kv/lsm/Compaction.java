package dev.oxistore.kv.lsm;

import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.lsm.sst.TableMeta;
import dev.oxistore.kv.lsm.sst.TableReader;
import dev.oxistore.kv.lsm.sst.TableWriter;
import dev.oxistore.kv.lsm.version.Version;
import dev.oxistore.kv.lsm.version.VersionEdit;
import dev.oxistore.kv.spi.Expiry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One compaction: merges input tables of a level (all of level 0, or one table of a deeper level)
 * with the overlapping tables of the next level into new tables there, cut at the target file size
 * on user-key boundaries. For each user key it keeps the newest version visible at each pinned
 * sequence number and at the visible one ("stripes"); a merge chain whose base lies within the
 * inputs (or that reaches the bottom) is folded into a put; at the bottom, trailing tombstones
 * and expired values no pin needs are dropped; keys of keyspaces dropped before every pin go.
 * Readers keep the version they hold, so a compaction never blocks them.
 *
 * <p>Picking: each level gets a score, level 0 its table count over
 * {@code lsm.l0CompactionTrigger}, deeper levels their bytes over their target
 * ({@code levelBaseBytes * multiplier^(level-1)}); the highest score of at least 1 compacts,
 * level 0 as a whole, a deeper level one table at a time in round-robin key order. A single table with nothing below to merge with is
 * moved down without rewriting.
 */
final class Compaction {

    /** A table taking part, with its level. */
    record Input(int level, TableReader table) {
    }

    final int outputLevel;
    final List<Input> inputs;
    private final boolean trivialMove;

    private Compaction(int outputLevel, List<Input> inputs, boolean trivialMove) {
        this.outputLevel = outputLevel;
        this.inputs = inputs;
        this.trivialMove = trivialMove;
    }

    /** The compaction the tree needs most, or null. {@code pointers} keeps the round-robin position per level. */
    static Compaction pick(Version v, LsmOptions o, byte[][] pointers) {
        List<TableReader> l0 = v.level(0);
        int best = -1;
        double bestScore = 1.0;
        for (int l = 1; l < LsmOptions.LEVELS - 1; l++) {
            double score = (double) v.levelBytes(l) / o.levelTarget(l);
            if (score >= bestScore) {
                best = l;
                bestScore = score;
            }
        }
        if (l0.size() >= o.l0CompactionTrigger() && (double) l0.size() / o.l0CompactionTrigger() >= bestScore) {
            List<Input> inputs = new ArrayList<>();
            byte[] smallest = null;
            byte[] largest = null;
            for (TableReader t : l0) {
                inputs.add(new Input(0, t));
                smallest = smallest == null || InternalKey.compareUkey(t.meta.smallest(), smallest) < 0 ? t.meta.smallest() : smallest;
                largest = largest == null || InternalKey.compareUkey(t.meta.largest(), largest) > 0 ? t.meta.largest() : largest;
            }
            for (TableReader t : v.overlapping(1, smallest, largest)) {
                inputs.add(new Input(1, t));
            }
            return new Compaction(1, inputs, false);
        }
        if (best < 0) {
            return null;
        }
        List<TableReader> level = v.level(best);
        TableReader chosen = level.getFirst();
        for (TableReader t : level) {
            if (pointers[best] == null || InternalKey.compareUkey(t.meta.smallest(), pointers[best]) > 0) {
                chosen = t;
                break;
            }
        }
        pointers[best] = chosen.meta.largest();
        List<Input> inputs = new ArrayList<>();
        inputs.add(new Input(best, chosen));
        List<TableReader> below = v.overlapping(best + 1, chosen.meta.smallest(), chosen.meta.largest());
        for (TableReader t : below) {
            inputs.add(new Input(best + 1, t));
        }
        return new Compaction(best + 1, inputs, below.isEmpty());
    }

    /** Everything into the deepest level holding data (level 1 at least): what {@code compact()} runs. */
    static Compaction full(Version v) {
        int deepest = 1;
        List<Input> inputs = new ArrayList<>();
        for (int l = 0; l < v.levels.size(); l++) {
            for (TableReader t : v.level(l)) {
                inputs.add(new Input(l, t));
                deepest = Math.max(deepest, l);
            }
        }
        return inputs.isEmpty() ? null : new Compaction(deepest, inputs, false);
    }

    /** Runs the compaction and installs its result; {@code stopping} aborts it (the inputs stay). */
    void run(Tree tree, BooleanSupplier stopping) throws IOException {
        VersionEdit edit = new VersionEdit();
        for (Input in : inputs) {
            edit.delete(in.level(), in.table().number());
        }
        if (trivialMove) {
            TableReader t = inputs.getFirst().table();
            edit.add(outputLevel, t.meta);
            tree.install(edit, List.of(t), rs -> rs);
            return;
        }
        tree.trace.begin("compaction");
        List<TableReader> outputs = new ArrayList<>();
        List<TableMeta> metas = new ArrayList<>();
        boolean installed = false;
        boolean logged = false;
        TableWriter writer = null;
        try {
            long[] snaps = tree.pins.horizon(tree::visibleSeq);
            boolean bottommost = isBottommost(tree.current().version());
            long now = tree.config.clock().millis();
            Source source = sources();
            source.seek(InternalKey.first(0, new byte[0]));
            Versions group = new Versions();
            List<byte[]> outKeys = new ArrayList<>();
            List<byte[]> outValues = new ArrayList<>();
            while (source.valid()) {
                if (stopping.getAsBoolean()) {
                    throw new IOException("compaction abandoned: the store is closing");
                }
                group.clear();
                byte[] first = source.key();
                while (source.valid() && InternalKey.sameUkey(source.key(), first)) {
                    group.add(source.key(), source.value());
                    source.advance();
                }
                outKeys.clear();
                outValues.clear();
                compactGroup(tree, group, snaps, bottommost, now, outKeys, outValues);
                for (int i = 0; i < outKeys.size(); i++) {
                    if (writer == null) {
                        writer = new TableWriter(tree.files.io(), tree.files.dir(), tree.newFileNumber(), tree.options);
                    }
                    writer.add(outKeys.get(i), outValues.get(i));
                }
                if (writer != null && writer.estimatedSize() >= tree.options.targetFileSize()) {
                    metas.add(writer.finish(metas.isEmpty() ? tree.trace::pause : () -> { }));
                    writer = null;
                }
            }
            if (writer != null) {
                metas.add(writer.finish(metas.isEmpty() ? tree.trace::pause : () -> { }));
                writer = null;
            }
            for (TableMeta m : metas) {
                outputs.add(TableReader.open(tree.files, m));
                edit.add(outputLevel, m);
            }
            logged = true;
            tree.install(edit, outputs, rs -> rs);
            installed = true;
            tree.trace.end("compaction");
        } finally {
            if (writer != null) {
                writer.close();
            }
            if (!installed) {
                for (TableReader t : outputs) {
                    t.forceClose();
                }
                // once the edit went to the manifest, a failed fsync leaves it maybe on disk naming
                // these tables: keep them, the next open deletes whatever its manifest does not name
                for (TableMeta m : logged ? List.<TableMeta>of() : metas) {
                    tree.files.delete(StoreFiles.tableName(m.number()));
                }
            }
        }
    }

    private Source sources() {
        List<Source> sources = new ArrayList<>();
        List<List<TableReader>> byLevel = new ArrayList<>();
        for (int l = 0; l < LsmOptions.LEVELS; l++) {
            byLevel.add(new ArrayList<>());
        }
        for (Input in : inputs) {
            if (in.level() == 0) {
                sources.add(Source.table(in.table(), false));
            } else {
                byLevel.get(in.level()).add(in.table());
            }
        }
        for (List<TableReader> l : byLevel) {
            if (!l.isEmpty()) {
                l.sort((a, b) -> InternalKey.compare(a.meta.smallest(), b.meta.smallest()));
                sources.add(new Source.Level(l, false));
            }
        }
        return new Source.Merging(sources, false);
    }

    /** True when no level below the output holds keys in the inputs' range. */
    private boolean isBottommost(Version v) {
        byte[] smallest = null;
        byte[] largest = null;
        for (Input in : inputs) {
            TableMeta m = in.table().meta;
            smallest = smallest == null || InternalKey.compareUkey(m.smallest(), smallest) < 0 ? m.smallest() : smallest;
            largest = largest == null || InternalKey.compareUkey(m.largest(), largest) > 0 ? m.largest() : largest;
        }
        for (int l = outputLevel + 1; l < v.levels.size(); l++) {
            if (!v.overlapping(l, smallest, largest).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** What survives of one user key's versions (newest first); see the class comment. */
    static void compactGroup(Tree tree, Versions g, long[] snaps, boolean bottommost, long now,
                             List<byte[]> outKeys, List<byte[]> outValues) {
        int n = g.size();
        byte[] first = g.keys.getFirst();
        if (tree.keyspaces.purgeable(InternalKey.keyspace(first), snaps[0])) {
            return;
        }
        StoreConfig config = tree.config;
        boolean keptMerge = false;
        int i = 0;
        while (i < n) {
            int stripe = stripe(snaps, InternalKey.seq(g.keys.get(i)));
            int j = i + 1;
            while (j < n && stripe(snaps, InternalKey.seq(g.keys.get(j))) == stripe) {
                j++;
            }
            if (InternalKey.type(g.keys.get(i)) == InternalKey.MERGE) {
                int k = i + 1;
                while (k < n && InternalKey.type(g.keys.get(k)) == InternalKey.MERGE) {
                    k++;
                }
                byte[] merged = null;
                if (k < n || bottommost) {
                    try {
                        merged = g.fold(config, InternalKey.userKey(first), i, n);
                    } catch (RuntimeException e) {
                        merged = null; // keep the chain as it is; readers report the failure
                    }
                }
                if (merged == null) {
                    for (int m = i; m < n; m++) {
                        outKeys.add(g.keys.get(m));
                        outValues.add(g.values.get(m));
                    }
                    keptMerge = true;
                    break;
                }
                byte[] key = g.keys.get(i).clone();
                key[key.length - 1] = InternalKey.PUT;
                outKeys.add(key);
                outValues.add(InternalKey.value(merged, InternalKey.expiresAt(g.values.get(i))));
            } else {
                outKeys.add(g.keys.get(i));
                outValues.add(g.values.get(i));
            }
            i = j;
        }
        if (bottommost && !keptMerge) {
            while (!outKeys.isEmpty()) {
                byte[] k = outKeys.getLast();
                if (InternalKey.seq(k) <= snaps[0] && isTombstoneLike(k, outValues.getLast(), now)) {
                    outKeys.removeLast();
                    outValues.removeLast();
                } else {
                    break;
                }
            }
        }
    }

    private static boolean isTombstoneLike(byte[] key, byte[] value, long now) {
        int type = InternalKey.type(key);
        return type == InternalKey.DELETE || type == InternalKey.PUT && Expiry.isExpired(InternalKey.expiresAt(value), now);
    }

    private static int stripe(long[] snaps, long seq) {
        int lo = 0;
        int hi = snaps.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (snaps[mid] < seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
