package dev.oxistore.kv.typed;

import java.nio.charset.CharacterCodingException;
import java.util.UUID;

/** The scalar codecs behind {@link KeyCodecs}; stateless singletons. */
final class BuiltinCodecs {

    static final Component<Long> INT64 = new Int64();
    static final Component<Integer> INT32 = new Int32();
    static final Component<UUID> UUIDS = new Uuid();
    static final Component<String> UTF8 = new Utf8();
    static final Component<byte[]> BYTES = new RawBytes();

    private BuiltinCodecs() {
    }

    /** Flipping the sign bit maps signed order onto unsigned order; big-endian keeps it bytewise. */
    private static final class Int64 implements Component<Long> {
        @Override
        public void write(Long key, Sink out, boolean last) {
            out.writeLong(key ^ Long.MIN_VALUE);
        }

        @Override
        public Long read(Source in, boolean last) {
            return in.readLong(this) ^ Long.MIN_VALUE;
        }

        @Override
        public String toString() {
            return "KeyCodecs.int64()";
        }
    }

    private static final class Int32 implements Component<Integer> {
        @Override
        public void write(Integer key, Sink out, boolean last) {
            out.writeInt(key ^ Integer.MIN_VALUE);
        }

        @Override
        public Integer read(Source in, boolean last) {
            return in.readInt(this) ^ Integer.MIN_VALUE;
        }

        @Override
        public String toString() {
            return "KeyCodecs.int32()";
        }
    }

    /** Two sign-flipped longs, because {@link UUID#compareTo} compares its halves as signed longs. */
    private static final class Uuid implements Component<UUID> {
        @Override
        public void write(UUID key, Sink out, boolean last) {
            out.writeLong(key.getMostSignificantBits() ^ Long.MIN_VALUE);
            out.writeLong(key.getLeastSignificantBits() ^ Long.MIN_VALUE);
        }

        @Override
        public UUID read(Source in, boolean last) {
            long msb = in.readLong(this) ^ Long.MIN_VALUE;
            return new UUID(msb, in.readLong(this) ^ Long.MIN_VALUE);
        }

        @Override
        public String toString() {
            return "KeyCodecs.uuid()";
        }
    }

    /** UTF-8 bytes order strings by code point; delimited when followed by another component. */
    private static final class Utf8 implements Component<String> {
        @Override
        public void write(String key, Sink out, boolean last) {
            byte[] b = Text.utf8(key);
            if (last) {
                out.write(b);
            } else {
                out.writeDelimited(b);
            }
        }

        @Override
        public String read(Source in, boolean last) {
            int at = in.position();
            byte[] b = last ? in.rest() : in.readDelimited(this);
            try {
                return Text.utf8(b);
            } catch (CharacterCodingException e) {
                throw in.corrupt(this + " at offset " + at + " is not well-formed UTF-8", e);
            }
        }

        @Override
        public String toString() {
            return "KeyCodecs.utf8()";
        }
    }

    private static final class RawBytes implements Component<byte[]> {
        @Override
        public void write(byte[] key, Sink out, boolean last) {
            if (last) {
                out.write(key);
            } else {
                out.writeDelimited(key);
            }
        }

        @Override
        public byte[] read(Source in, boolean last) {
            return last ? in.rest() : in.readDelimited(this);
        }

        @Override
        public String toString() {
            return "KeyCodecs.bytes()";
        }
    }
}
