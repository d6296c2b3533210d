package dev.oxistore.kv.lsm.version;

import dev.oxistore.kv.lsm.Keyspaces;
import dev.oxistore.kv.lsm.LsmOptions;
import dev.oxistore.kv.lsm.format.Coding;
import dev.oxistore.kv.lsm.sst.TableMeta;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One atomic change to the set of live tables, as a manifest record: a sequence of tagged fields
 * (varint tag, then the field). Tags: 1 log number, 2 next file number, 3 last sequence number,
 * 4 added table (varint level | varlong number | varlong size | length-prefixed smallest and
 * largest internal keys), 5 deleted table (varint level | varlong number), 6 keyspace (varint id
 * | length-prefixed name | varlong created seq | varlong dropped seq + 1, 0 for live), 7 next
 * keyspace id.
 */
public final class VersionEdit {

    public long logNumber = -1;
    public long nextFileNumber = -1;
    public long lastSeq = -1;
    public int nextKeyspaceId = -1;
    public final List<Added> added = new ArrayList<>();
    public final List<long[]> deleted = new ArrayList<>();
    public final List<Keyspaces.Info> keyspaces = new ArrayList<>();

    /** A table added at a level. */
    public record Added(int level, TableMeta meta) {
    }

    public void add(int level, TableMeta meta) {
        added.add(new Added(level, meta));
    }

    public void delete(int level, long number) {
        deleted.add(new long[] {level, number});
    }

    public byte[] encode() {
        Coding.Out out = new Coding.Out(128);
        if (logNumber >= 0) {
            out.varint(1).varlong(logNumber);
        }
        if (nextFileNumber >= 0) {
            out.varint(2).varlong(nextFileNumber);
        }
        if (lastSeq >= 0) {
            out.varint(3).varlong(lastSeq);
        }
        for (Added a : added) {
            out.varint(4).varint(a.level()).varlong(a.meta().number()).varlong(a.meta().size())
                    .lengthPrefixed(a.meta().smallest()).lengthPrefixed(a.meta().largest());
        }
        for (long[] d : deleted) {
            out.varint(5).varint((int) d[0]).varlong(d[1]);
        }
        for (Keyspaces.Info k : keyspaces) {
            out.varint(6).varint(k.id()).lengthPrefixed(k.name().getBytes(StandardCharsets.UTF_8)).varlong(k.createdSeq())
                    .varlong(k.droppedSeq() == Keyspaces.LIVE ? 0 : k.droppedSeq() + 1);
        }
        if (nextKeyspaceId >= 0) {
            out.varint(7).varint(nextKeyspaceId);
        }
        return out.toByteArray();
    }

    public static VersionEdit decode(byte[] b) {
        VersionEdit e = new VersionEdit();
        Coding.In in = new Coding.In(b);
        while (in.hasMore()) {
            int tag = in.varint();
            switch (tag) {
                case 1 -> e.logNumber = in.varlong();
                case 2 -> e.nextFileNumber = in.varlong();
                case 3 -> e.lastSeq = in.varlong();
                case 4 -> e.add(in.varint(), new TableMeta(in.varlong(), in.varlong(), in.lengthPrefixed(), in.lengthPrefixed(), 0));
                case 5 -> e.delete(in.varint(), in.varlong());
                case 6 -> {
                    int id = in.varint();
                    String name = new String(in.lengthPrefixed(), StandardCharsets.UTF_8);
                    long created = in.varlong();
                    long dropped = in.varlong();
                    e.keyspaces.add(new Keyspaces.Info(id, name, created, dropped == 0 ? Keyspaces.LIVE : dropped - 1));
                }
                case 7 -> e.nextKeyspaceId = in.varint();
                default -> throw new IllegalStateException("unknown version edit tag " + tag);
            }
        }
        return e;
    }

    /** The state a sequence of edits builds up (recovery, and the snapshot a rewritten manifest starts with). */
    public static final class State {
        public long logNumber;
        public long nextFileNumber = 1;
        public long lastSeq;
        public int nextKeyspaceId = 1;
        public final List<TreeMap<Long, TableMeta>> levels = new ArrayList<>();
        public final TreeMap<Integer, Keyspaces.Info> keyspaces = new TreeMap<>();

        public State() {
            for (int i = 0; i < LsmOptions.LEVELS; i++) {
                levels.add(new TreeMap<>());
            }
        }

        public void apply(VersionEdit e) {
            if (e.logNumber >= 0) {
                logNumber = e.logNumber;
            }
            if (e.nextFileNumber >= 0) {
                nextFileNumber = e.nextFileNumber;
            }
            if (e.lastSeq >= 0) {
                lastSeq = Math.max(lastSeq, e.lastSeq);
            }
            if (e.nextKeyspaceId >= 0) {
                nextKeyspaceId = Math.max(nextKeyspaceId, e.nextKeyspaceId);
            }
            for (long[] d : e.deleted) {
                levels.get((int) d[0]).remove(d[1]);
            }
            for (Added a : e.added) {
                levels.get(a.level()).put(a.meta().number(), a.meta());
            }
            for (Keyspaces.Info k : e.keyspaces) {
                keyspaces.put(k.id(), k);
            }
        }

        /** One edit that recreates this state from nothing. */
        public VersionEdit snapshot() {
            VersionEdit e = new VersionEdit();
            e.logNumber = logNumber;
            e.nextFileNumber = nextFileNumber;
            e.lastSeq = lastSeq;
            e.nextKeyspaceId = nextKeyspaceId;
            for (int l = 0; l < levels.size(); l++) {
                for (TableMeta m : levels.get(l).values()) {
                    e.add(l, m);
                }
            }
            e.keyspaces.addAll(keyspaces.values());
            return e;
        }
    }
}
