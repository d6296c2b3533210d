package dev.oxistore.kv.lsm;

import dev.oxistore.kv.KvStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keyspace names and the numeric ids that prefix their keys, with history: a keyspace is
 * visible to a reader at sequence number {@code s} when {@code createdSeq <= s < droppedSeq}, so
 * snapshots keep seeing a keyspace dropped after them, and a name dropped and written again gets a
 * fresh id. Changed only under the commit lock (or during recovery).
 */
public final class Keyspaces {

    public static final long LIVE = Long.MAX_VALUE;

    /** One keyspace incarnation. */
    public record Info(int id, String name, long createdSeq, long droppedSeq) {
        boolean visibleAt(long seq) {
            return createdSeq <= seq && seq < droppedSeq;
        }
    }

    private final Map<String, Info> live = new ConcurrentHashMap<>();
    private final Map<Integer, Info> byId = new ConcurrentHashMap<>();
    private final List<Info> all = new CopyOnWriteArrayList<>();
    private volatile int nextId = 1;

    Keyspaces() {
        put(new Info(0, KvStore.DEFAULT_KEYSPACE, 0, LIVE));
    }

    /** Adds or replaces an incarnation (recovery and commits). */
    synchronized void put(Info info) {
        Info old = byId.put(info.id(), info);
        if (old != null) {
            all.remove(old);
        }
        all.add(info);
        if (info.droppedSeq() == LIVE) {
            live.put(info.name(), info);
        } else {
            live.remove(info.name(), old);
            live.computeIfPresent(info.name(), (k, v) -> v.id() == info.id() ? null : v);
        }
        nextId = Math.max(nextId, info.id() + 1);
    }

    Info live(String name) {
        return live.get(name);
    }

    Info byId(int id) {
        return byId.get(id);
    }

    /** The incarnation of {@code name} a reader at {@code seq} sees, or null. */
    Info at(String name, long seq) {
        Info l = live.get(name);
        if (l != null && l.visibleAt(seq)) {
            return l;
        }
        for (Info i : all) {
            if (i.name().equals(name) && i.visibleAt(seq)) {
                return i;
            }
        }
        return null;
    }

    int allocateId() {
        return nextId;
    }

    void reserve(int id) {
        nextId = Math.max(nextId, id + 1);
    }

    int nextId() {
        return nextId;
    }

    List<Info> all() {
        return List.copyOf(all);
    }

    Set<String> liveNames() {
        return new TreeSet<>(live.keySet());
    }

    /** True when no reader at or after {@code horizon} can see keyspace {@code id}. */
    boolean purgeable(int id, long horizon) {
        Info i = byId.get(id);
        return i != null && i.droppedSeq() != LIVE && i.droppedSeq() <= horizon;
    }
}
