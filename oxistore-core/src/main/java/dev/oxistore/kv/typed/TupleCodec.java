package dev.oxistore.kv.typed;

import dev.oxistore.kv.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A tuple key: its components' encodings concatenated, each in its non-last (self-delimiting)
 * form except the final one. A nested tuple passes {@code last} down, so a key's bytes are those
 * of its flattened {@link #leaves()}, which is what makes {@link #prefix} sound.
 */
final class TupleCodec<T> implements Component<T> {

    private final List<Component<Object>> parts;
    private final Function<T, Object[]> split;
    private final Function<Object[], T> join;

    TupleCodec(List<Component<Object>> parts, Function<T, Object[]> split, Function<Object[], T> join) {
        this.parts = List.copyOf(parts);
        this.split = split;
        this.join = join;
    }

    @Override
    public void write(T key, Sink out, boolean last) {
        Object[] values = split.apply(key);
        for (int i = 0; i < parts.size(); i++) {
            parts.get(i).write(values[i], out, last && i == parts.size() - 1);
        }
    }

    @Override
    public T read(Source in, boolean last) {
        Object[] values = new Object[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            values[i] = parts.get(i).read(in, last && i == parts.size() - 1);
        }
        return join.apply(values);
    }

    /** The scalar components in key order, with nested tuples flattened. */
    List<Component<?>> leaves() {
        List<Component<?>> out = new ArrayList<>();
        for (Component<?> part : parts) {
            addLeaves(part, out);
        }
        return out;
    }

    /**
     * The bytes every key whose leading components equal {@code value} starts with, and no other
     * key does: {@code value} written in non-last form, so each of its leaves is self-delimiting.
     *
     * @throws InvalidArgumentException when {@code leading}'s leaves are not a proper leading
     *         part of this tuple's leaves
     */
    <P> byte[] prefix(Component<P> leading, P value) {
        List<Component<?>> want = new ArrayList<>();
        addLeaves(leading, want);
        List<Component<?>> have = leaves();
        if (want.size() >= have.size() || !have.subList(0, want.size()).equals(want)) {
            throw new InvalidArgumentException(leading + " is not a leading part of the key codec " + this
                    + ": pass the codec of the key's first component, or a KeyCodecs.tuple(...) of its first"
                    + " components (not all of them), as the same codec instances the key codec was built from");
        }
        if (value == null) {
            throw new InvalidArgumentException("prefix value is null: pass the leading component(s) to match");
        }
        Sink out = new Sink();
        leading.write(value, out, false);
        return out.toArray();
    }

    private static void addLeaves(Component<?> c, List<Component<?>> out) {
        if (c instanceof TupleCodec<?> t) {
            out.addAll(t.leaves());
        } else {
            out.add(c);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TupleCodec<?> t && parts.equals(t.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return parts.stream().map(Object::toString).collect(Collectors.joining(", ", "KeyCodecs.tuple(", ")"));
    }
}
