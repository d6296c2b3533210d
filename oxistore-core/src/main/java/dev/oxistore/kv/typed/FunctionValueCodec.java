package dev.oxistore.kv.typed;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreException;
import java.util.function.Function;

/** A {@link ValueCodec} from two functions, with the null and error handling the contract asks for. */
final class FunctionValueCodec<V> implements ValueCodec<V> {

    private final String name;
    private final Function<? super V, byte[]> encoder;
    private final Function<byte[], ? extends V> decoder;

    FunctionValueCodec(String name, Function<? super V, byte[]> encoder, Function<byte[], ? extends V> decoder) {
        if (encoder == null || decoder == null) {
            throw new InvalidArgumentException(name + " needs both an encoder and a decoder function");
        }
        this.name = name;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    @Override
    public byte[] encode(V value) {
        if (value == null) {
            throw new InvalidArgumentException("cannot encode a null value with " + name + ": use delete() to remove a key");
        }
        byte[] b = encoder.apply(value);
        if (b == null) {
            throw new InvalidArgumentException(name + ": the encoder returned null for " + Text.show(value)
                    + "; return an (possibly empty) byte array");
        }
        return b;
    }

    @Override
    public V decode(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidArgumentException("cannot decode null bytes with " + name);
        }
        V value;
        try {
            value = decoder.apply(bytes);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw corrupt(bytes, "the decoder failed: " + e, e);
        }
        if (value == null) {
            throw corrupt(bytes, "the decoder returned null", null);
        }
        return value;
    }

    private CorruptionException corrupt(byte[] bytes, String problem, Throwable cause) {
        return Text.notValid(name, "value", bytes, problem, cause);
    }

    @Override
    public String toString() {
        return name;
    }
}
