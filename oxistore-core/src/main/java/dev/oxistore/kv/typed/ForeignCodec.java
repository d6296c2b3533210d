package dev.oxistore.kv.typed;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreException;

/**
 * A codec written outside this package, used as a tuple component: its encoding is escaped and
 * terminated when another component follows, since nothing says where it ends.
 */
record ForeignCodec<K>(KeyCodec<K> codec) implements Component<K> {

    @Override
    public void write(K key, Sink out, boolean last) {
        byte[] b = codec.encode(key);
        if (b == null) {
            throw new InvalidArgumentException(codec + " returned null for a key: a KeyCodec must return an encoding");
        }
        if (last) {
            out.write(b);
        } else {
            out.writeDelimited(b);
        }
    }

    @Override
    public K read(Source in, boolean last) {
        int at = in.position();
        byte[] b = last ? in.rest() : in.readDelimited(codec);
        K key;
        try {
            key = codec.decode(b);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw in.corrupt(codec + " at offset " + at + " failed to decode: " + e, e);
        }
        if (key == null) {
            throw in.corrupt(codec + " at offset " + at + " decoded to null");
        }
        return key;
    }

    @Override
    public String toString() {
        return codec.toString();
    }
}
