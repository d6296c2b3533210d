package dev.oxistore.kv.typed;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreException;
import java.util.function.Function;

/** What {@link KeyCodec#map} returns: {@code base} applied to {@code to(t)}. */
record MappedCodec<T, K>(Component<K> base, Function<? super T, ? extends K> to,
                         Function<? super K, ? extends T> from) implements Component<T> {

    @Override
    public void write(T key, Sink out, boolean last) {
        K mapped = to.apply(key);
        if (mapped == null) {
            throw new InvalidArgumentException(this + ": the 'to' function returned null for " + key
                    + "; it must map every key to a non-null " + base + " key");
        }
        base.write(mapped, out, last);
    }

    @Override
    public T read(Source in, boolean last) {
        int at = in.position();
        K mapped = base.read(in, last);
        T key;
        try {
            key = from.apply(mapped);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw in.corrupt("the 'from' function rejected " + mapped + " decoded at offset " + at + ": " + e, e);
        }
        if (key == null) {
            throw in.corrupt("the 'from' function returned null for " + mapped + " decoded at offset " + at);
        }
        return key;
    }

    @Override
    public String toString() {
        return base + ".map(...)";
    }
}
