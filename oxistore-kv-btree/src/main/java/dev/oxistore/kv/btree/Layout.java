package dev.oxistore.kv.btree;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.WrongEngineException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The maps inside the MVStore file and the metadata entries (format version {@value StoreDir#FORMAT}).
 *
 * <pre>
 *   oxi.meta      metadata, UTF-8 keys and values:
 *                   engine       = oxistore-kv-btree   (checked on open: a plain H2 file has no such map)
 *                   format       = 1                   (checked on open)
 *                   seq          = last commit sequence number written (for repair reports)
 *                   nextKsId     = next keyspace id to hand out
 *                   ks:&lt;name&gt;    = &lt;keyspace id&gt;,&lt;MVStore map id&gt;
 *                   count:&lt;id&gt;   = entries in keyspace &lt;id&gt;'s map as of its last commit (stamp included)
 *                   stamp:&lt;id&gt;   = the commit sequence number that last changed keyspace &lt;id&gt;
 *                   count:ttl, stamp:ttl   the same for the TTL index
 *                   lastRepair   = when a rollback repair last ran (absent if never)
 *   oxi.ttl       TTL index: {@link Records#ttlKey} -&gt; empty
 *   oxi.ks.&lt;id&gt;  one map per keyspace: user key -&gt; {@link Records stored value}
 * </pre>
 * The keyspace maps and the TTL index also hold a stamp entry under the empty key (never a user
 * key): the 8-byte big-endian sequence number of the commit that last changed the map, repeated in
 * the metadata. MVStore keeps its catalogue of map roots as unchecked text; if damage there made a
 * map open at an older tree (or an empty one), the stamp or the entry count would disagree with the
 * metadata, and the open fails instead of serving old data.
 * All of them use {@link CheckedBytesType} for keys and values, so every page block carries a
 * CRC32C. Keyspaces get a fresh id when created, so dropping one and creating it again never
 * mixes old and new entries.
 */
final class Layout {

    static final String META = "oxi.meta";
    static final String TTL = "oxi.ttl";
    static final String KS_PREFIX = "oxi.ks.";

    static final String K_ENGINE = "engine";
    static final String K_FORMAT = "format";
    static final String K_SEQ = "seq";
    static final String K_NEXT_KS = "nextKsId";
    static final String K_KS = "ks:";
    static final String K_LAST_REPAIR = "lastRepair";
    static final String K_COUNT = "count:";
    static final String K_STAMP = "stamp:";
    /** The count and stamp name of the TTL index (keyspaces use their id). */
    static final String TTL_COUNT = "ttl";
    /** The key of a map's stamp entry: empty, so never a user key, and first in every map. */
    static final byte[] STAMP_KEY = new byte[0];

    private Layout() {
    }

    static MVMap.Builder<byte[], byte[]> builder() {
        return new MVMap.Builder<byte[], byte[]>().keyType(CheckedBytesType.INSTANCE).valueType(CheckedBytesType.INSTANCE);
    }

    static String ksMapName(int id) {
        return KS_PREFIX + id;
    }

    /** A keyspace as the metadata records it. */
    record KsEntry(String name, int id, int mapId) {
    }

    /** Creates the metadata and TTL maps of a new store (the caller commits). */
    static MVMap<byte[], byte[]> initialize(MVStore mv, long seq, int nextKsId) {
        MVMap<byte[], byte[]> meta = mv.openMap(META, builder());
        put(meta, K_ENGINE, StoreDir.ENGINE_ID);
        put(meta, K_FORMAT, Integer.toString(StoreDir.FORMAT));
        put(meta, K_SEQ, Long.toString(seq));
        put(meta, K_NEXT_KS, Integer.toString(nextKsId));
        record(meta, TTL_COUNT, mv.openMap(TTL, builder()), seq);
        return meta;
    }

    /**
     * Opens the metadata map of an existing store and checks engine and format.
     *
     * @return null when the file holds no committed version at all (a store whose creation never finished)
     */
    static MVMap<byte[], byte[]> openMeta(MVStore mv, String where) {
        if (!mv.hasMap(META)) {
            java.util.Set<String> names = mv.getMapNames();
            if (names.isEmpty()) {
                if (mv.getCurrentVersion() > 0) {
                    // versions were committed, yet MVStore's catalogue lists no map at all: the
                    // catalogue's root (kept in an unchecked chunk header) is damaged
                    throw new CorruptionException("store " + where + " has committed versions but its catalogue of maps is empty: "
                            + Errors.repairHint());
                }
                return null; // a store whose creation never reached its first commit
            }
            if (names.stream().anyMatch(n -> n.startsWith("oxi."))) {
                throw new CorruptionException("store " + where + " lost its metadata map (the file holds "
                        + names + "): " + Errors.repairHint());
            }
            throw new WrongEngineException(where + " holds an H2 MVStore file without OxiStore metadata (maps "
                    + mv.getMapNames() + "): it was not written by oxistore-kv-btree, or its metadata is lost; restore a backup");
        }
        MVMap<byte[], byte[]> meta = mv.openMap(META, builder());
        String engine = get(meta, K_ENGINE);
        if (!StoreDir.ENGINE_ID.equals(engine)) {
            throw new CorruptionException("store " + where + " metadata names engine '" + engine + "', expected '"
                    + StoreDir.ENGINE_ID + "': " + Errors.repairHint());
        }
        String format = get(meta, K_FORMAT);
        if (!Integer.toString(StoreDir.FORMAT).equals(format)) {
            throw new CorruptionException("store " + where + " has format '" + format + "', this engine reads format "
                    + StoreDir.FORMAT + ": upgrade oxistore-kv-btree, or " + Errors.repairHint());
        }
        if (!mv.hasMap(TTL)) {
            throw new CorruptionException("store " + where + " lost its TTL index map: " + Errors.repairHint());
        }
        return meta;
    }

    /** The keyspaces recorded in {@code meta}, by name. */
    static Map<String, KsEntry> keyspaces(MVMap<byte[], byte[]> meta, String where) {
        Map<String, KsEntry> out = new TreeMap<>();
        byte[] prefix = Bytes.utf8(K_KS);
        for (Iterator<byte[]> it = meta.keyIterator(prefix); it.hasNext(); ) {
            byte[] k = it.next();
            if (!Bytes.startsWith(k, prefix)) {
                break;
            }
            String name = new String(k, prefix.length, k.length - prefix.length, StandardCharsets.UTF_8);
            String v = Bytes.utf8(meta.get(k));
            int comma = v.indexOf(',');
            try {
                out.put(name, new KsEntry(name, Integer.parseInt(v.substring(0, comma)), Integer.parseInt(v.substring(comma + 1))));
            } catch (RuntimeException e) {
                throw new CorruptionException("store " + where + " has a malformed keyspace entry '" + name + "' = '" + v + "': "
                        + Errors.repairHint(), e);
            }
        }
        return out;
    }

    /**
     * Stamps {@code map} with commit {@code seq} and records its stamp and entry count in
     * {@code meta}, in the same commit as the data (the caller commits).
     */
    static void record(MVMap<byte[], byte[]> meta, String name, MVMap<byte[], byte[]> map, long seq) {
        byte[] stamp = new byte[8];
        Records.putLong(stamp, 0, seq);
        map.put(STAMP_KEY, stamp);
        put(meta, K_STAMP + name, Long.toString(seq));
        put(meta, K_COUNT + name, Long.toString(map.sizeAsLong()));
    }

    /** Records a map as it is (a copy made by a backup): its own stamp, if any, and its entry count. */
    static void recordAsIs(MVMap<byte[], byte[]> meta, String name, MVMap<byte[], byte[]> map) {
        long stamp = stamp(map);
        if (stamp >= 0) {
            put(meta, K_STAMP + name, Long.toString(stamp));
        }
        put(meta, K_COUNT + name, Long.toString(map.sizeAsLong()));
    }

    /** Forgets the stamp and count of a dropped map. */
    static void forget(MVMap<byte[], byte[]> meta, String name) {
        meta.remove(Bytes.utf8(K_STAMP + name));
        meta.remove(Bytes.utf8(K_COUNT + name));
    }

    /** The stamp of {@code map}, or -1 when it has none. */
    static long stamp(MVMap<byte[], byte[]> map) {
        byte[] v = map.get(STAMP_KEY);
        return v == null || v.length != 8 ? -1 : Records.getLong(v, 0);
    }

    /** 1 when {@code map} holds a stamp entry, else 0: what its size counts beyond user entries. */
    static int stampEntries(MVMap<byte[], byte[]> map) {
        return map.get(STAMP_KEY) == null ? 0 : 1;
    }

    /**
     * Checks a map's stamp and entry count against those recorded with its last commit. MVStore
     * keeps its catalogue of map roots as unchecked text, so a damaged root entry could make a map
     * read as empty or as an older tree; the stamp and count (in checksummed pages) catch that.
     */
    static void check(MVMap<byte[], byte[]> meta, String name, MVMap<byte[], byte[]> map, String what, String where) {
        String recordedStamp = get(meta, K_STAMP + name);
        if (recordedStamp != null && !recordedStamp.equals(Long.toString(stamp(map)))) {
            throw new CorruptionException("store " + where + ": " + what + " carries commit stamp " + stamp(map)
                    + " but the metadata expects " + recordedStamp + ": the file's catalogue of map roots is damaged; "
                    + Errors.repairHint());
        }
        String recorded = get(meta, K_COUNT + name);
        if (recorded != null && !recorded.equals(Long.toString(map.sizeAsLong()))) {
            throw new CorruptionException("store " + where + ": " + what + " should hold " + recorded
                    + " entries but its tree holds " + map.sizeAsLong() + ": the file's catalogue of map roots is damaged; "
                    + Errors.repairHint());
        }
    }

    /** Opens the map of keyspace {@code e}, checking MVStore's own catalogue agrees with ours. */
    static MVMap<byte[], byte[]> openKeyspace(MVStore mv, KsEntry e, String where) {
        String mapName = ksMapName(e.id());
        if (!mv.hasMap(mapName)) {
            throw new CorruptionException("store " + where + " lost the map of keyspace '" + e.name() + "': " + Errors.repairHint());
        }
        MVMap<byte[], byte[]> map = mv.openMap(mapName, builder());
        if (map.getId() != e.mapId() || !mapName.equals(mv.getMapName(map.getId()))) {
            throw new CorruptionException("store " + where + " catalogue disagrees about keyspace '" + e.name() + "' (map id "
                    + map.getId() + ", expected " + e.mapId() + "): " + Errors.repairHint());
        }
        return map;
    }

    static String get(MVMap<byte[], byte[]> meta, String key) {
        byte[] v = meta.get(Bytes.utf8(key));
        return v == null ? null : Bytes.utf8(v);
    }

    static long getLong(MVMap<byte[], byte[]> meta, String key, String where) {
        String v = get(meta, key);
        try {
            return Long.parseLong(v);
        } catch (RuntimeException e) {
            throw new CorruptionException("store " + where + " metadata entry '" + key + "' is '" + v + "', not a number: "
                    + Errors.repairHint(), e);
        }
    }

    static void put(MVMap<byte[], byte[]> meta, String key, String value) {
        meta.put(Bytes.utf8(key), Bytes.utf8(value));
    }
}
