package dev.oxistore.kv.lsm.log;

import dev.oxistore.kv.lsm.format.Coding;
import dev.oxistore.kv.lsm.format.InternalKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One commit as the write-ahead log stores it: {@code int64 first sequence number | varint op
 * count | op*}, op {@code i} taking sequence number {@code first + i}. An op is a byte kind and
 * its fields: a record ({@link InternalKey} type 0-3: varint keyspace id | length-prefixed key |
 * length-prefixed value, no value for a delete), a keyspace creation (10: varint id |
 * length-prefixed UTF-8 name) or a keyspace drop (11: varint id).
 */
public record WalBatch(long firstSeq, List<Op> ops) {

    static final int CREATE_KEYSPACE = 10;
    static final int DROP_KEYSPACE = 11;

    /** One operation of a commit. */
    public sealed interface Op permits Data, CreateKeyspace, DropKeyspace {
    }

    /** A record to insert: {@code value} is already in {@link InternalKey} value form (null for a delete). */
    public record Data(int type, int keyspace, byte[] key, byte[] value) implements Op {
    }

    /** A keyspace comes into being. */
    public record CreateKeyspace(int id, String name) implements Op {
    }

    /** A keyspace is dropped. */
    public record DropKeyspace(int id) implements Op {
    }

    public Coding.Out encode() {
        Coding.Out out = new Coding.Out(64);
        out.fixedLong(firstSeq).varint(ops.size());
        for (Op op : ops) {
            switch (op) {
                case Data d -> {
                    out.write(d.type());
                    out.varint(d.keyspace()).lengthPrefixed(d.key());
                    if (d.type() != InternalKey.DELETE) {
                        out.lengthPrefixed(d.value());
                    }
                }
                case CreateKeyspace c -> {
                    out.write(CREATE_KEYSPACE);
                    out.varint(c.id()).lengthPrefixed(c.name().getBytes(StandardCharsets.UTF_8));
                }
                case DropKeyspace d -> {
                    out.write(DROP_KEYSPACE);
                    out.varint(d.id());
                }
            }
        }
        return out;
    }

    /** Decodes a record; raises {@link IllegalStateException} when it is malformed. */
    public static WalBatch decode(byte[] payload) {
        Coding.In in = new Coding.In(payload);
        long first = in.fixedLong();
        int n = in.varint();
        List<Op> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int kind = in.u8();
            switch (kind) {
                case InternalKey.DELETE -> ops.add(new Data(kind, in.varint(), in.lengthPrefixed(), null));
                case InternalKey.PUT, InternalKey.MERGE, InternalKey.MERGE_BASE ->
                        ops.add(new Data(kind, in.varint(), in.lengthPrefixed(), in.lengthPrefixed()));
                case CREATE_KEYSPACE -> ops.add(new CreateKeyspace(in.varint(), new String(in.lengthPrefixed(), StandardCharsets.UTF_8)));
                case DROP_KEYSPACE -> ops.add(new DropKeyspace(in.varint()));
                default -> throw new IllegalStateException("unknown op kind " + kind);
            }
        }
        if (in.hasMore()) {
            throw new IllegalStateException("trailing bytes after " + n + " ops");
        }
        return new WalBatch(first, ops);
    }
}
