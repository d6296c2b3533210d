package dev.oxistore.compress.internal;

import dev.oxistore.compress.Codec;
import dev.oxistore.compress.ParquetCodec;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * The base of the raw block codecs ({@code lz4}, {@code snappy}): their matcher's hash tables come
 * from a pool, and their streams are written in the framed sibling format, because a raw block must
 * see all its input first.
 */
public abstract class RawBlockCodec extends AbstractCodec {

    /** The matcher's hash tables, one per concurrent compression. */
    protected final Pool<int[]> tables;
    private final Supplier<Codec> framed;

    protected RawBlockCodec(String name, ParquetCodec parquet, Supplier<int[]> newTable, Supplier<Codec> framed) {
        super(name, parquet);
        this.tables = new Pool<>(newTable);
        this.framed = framed;
    }

    @Override
    protected final OutputStream newCompressingStream(OutputStream out) {
        return streamCodec().compressingStream(out);
    }

    @Override
    protected final InputStream newDecompressingStream(InputStream in) {
        return streamCodec().decompressingStream(in);
    }

    @Override
    public final Codec streamCodec() {
        return framed.get();
    }
}
