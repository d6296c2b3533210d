package dev.oxistore.blob.memory;

import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The immutable bytes of one object, part or content: off-heap segments (each trimmed to the
 * bytes it holds) in order, with the quota bytes they took. Shared by copies through a reference
 * count, so the quota is given back once, when the last holder lets go.
 */
final class Chunks {

    private final MemorySegment[] segments;
    private final long[] starts;
    private final long size;
    private final long reserved;
    private final AtomicInteger refs = new AtomicInteger(1);

    Chunks(List<MemorySegment> segments, long reserved) {
        this.segments = segments.toArray(MemorySegment[]::new);
        this.starts = new long[this.segments.length];
        long at = 0;
        for (int i = 0; i < this.segments.length; i++) {
            starts[i] = at;
            at += this.segments[i].byteSize();
        }
        this.size = at;
        this.reserved = reserved;
    }

    /** The chunks of several parts, end to end, holding the parts' quota. */
    static Chunks concat(List<Chunks> parts) {
        List<MemorySegment> all = parts.stream().flatMap(p -> Arrays.stream(p.segments)).toList();
        return new Chunks(all, parts.stream().mapToLong(p -> p.reserved).sum());
    }

    long size() {
        return size;
    }

    long reserved() {
        return reserved;
    }

    /** Adds a holder. */
    Chunks retain() {
        refs.incrementAndGet();
        return this;
    }

    /** Drops a holder; true when it was the last, so the quota bytes are free again. */
    boolean release() {
        return refs.decrementAndGet() == 0;
    }

    /** Flips one bit of the first byte (tests of bit-rot detection). */
    void flipFirstBit() {
        MemorySegment s = segments[0];
        s.set(ValueLayout.JAVA_BYTE, 0, (byte) (s.get(ValueLayout.JAVA_BYTE, 0) ^ 1));
    }

    /** A stream of {@code length} bytes from {@code offset} (both within the size). */
    InputStream stream(long offset, long length) {
        return new InputStream() {
            private long pos = offset;
            private final long end = offset + length;
            private int index = Math.max(0, Arrays.binarySearch(starts, offset) < 0
                    ? -Arrays.binarySearch(starts, offset) - 2 : Arrays.binarySearch(starts, offset));

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (pos >= end) {
                    return -1;
                }
                while (pos >= starts[index] + segments[index].byteSize()) {
                    index++;
                }
                MemorySegment s = segments[index];
                long within = pos - starts[index];
                int n = (int) Math.min(len, Math.min(s.byteSize() - within, end - pos));
                MemorySegment.copy(s, ValueLayout.JAVA_BYTE, within, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public long skip(long n) {
                long k = Math.max(0, Math.min(n, end - pos));
                pos += k;
                return k;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE, end - pos);
            }
        };
    }
}
