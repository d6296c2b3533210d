package dev.oxistore.kv.lsm;

import dev.oxistore.kv.lsm.sst.TableReader;
import dev.oxistore.kv.lsm.version.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reader reads: the active memtable, the frozen ones waiting for flush (newest first) and
 * the table version. Replaced as a whole (one volatile write) by memtable switches, flushes and
 * compactions; a reader holds one for the duration of an operation or a cursor, with a reference
 * on its version so no table it may read is deleted meanwhile.
 */
record ReadState(Memtable mem, List<Memtable> imms, Version version) {

    /** Every source of this state in recency order, as one merged stream. */
    Source merged(boolean reverse) {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source.Mem(mem.map, reverse));
        for (Memtable m : imms) {
            sources.add(new Source.Mem(m.map, reverse));
        }
        for (TableReader t : version.level(0)) {
            sources.add(Source.table(t, reverse));
        }
        for (int l = 1; l < version.levels.size(); l++) {
            if (!version.level(l).isEmpty()) {
                sources.add(new Source.Level(version.level(l), reverse));
            }
        }
        return new Source.Merging(sources, reverse);
    }
}
