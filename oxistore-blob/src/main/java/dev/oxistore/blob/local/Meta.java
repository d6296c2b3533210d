package dev.oxistore.blob.local;

import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.kv.CorruptionException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata of one object version, kept in the trailer of its version file
 * ({@code <segment>.<etag>.obj}), with the sizes of its part files when it has some.
 *
 * <p>A version file is the object's bytes (none when it has part files), then the encoded metadata,
 * then the metadata's length (int), so a put writes one file front to back without knowing the
 * length in advance. The metadata, format 2, big-endian, as written by {@link DataOutputStream}:
 * the 8 ASCII bytes {@code OXBLOBM2}; key, ETag (UTF); size (long); created and modified (epoch
 * second long, nano int each); content type (UTF); SHA-256 hex or empty (UTF); the number of user
 * metadata entries (int) and each name and value (UTF); the number of part files (int, 0 when the
 * bytes are in the version file) and each one's size (long); last, the CRC32C of everything before
 * it (int).
 */
record Meta(BlobMetadata blob, List<Long> partSizes) {

    /** Far above the largest metadata the portable limits allow (keys, content type, user metadata). */
    private static final int MAX_TRAILER = 64 << 10;
    private static final byte[] MAGIC = {'O', 'X', 'B', 'L', 'O', 'B', 'M', '2'};

    Meta {
        partSizes = List.copyOf(partSizes);
    }

    String etag() {
        return blob.etag();
    }

    byte[] encode() {
        return CheckedFrame.encode(MAGIC, 256, out -> {
            out.writeUTF(blob.key());
            out.writeUTF(blob.etag());
            out.writeLong(blob.size());
            writeInstant(out, blob.created());
            writeInstant(out, blob.modified());
            out.writeUTF(blob.contentType());
            out.writeUTF(blob.sha256().orElse(""));
            CheckedFrame.writeUserMetadata(out, blob.userMetadata());
            out.writeInt(partSizes.size());
            for (long s : partSizes) {
                out.writeLong(s);
            }
        });
    }

    static Meta decode(byte[] raw, String where) {
        DataInputStream in = CheckedFrame.body(raw, MAGIC, why -> corrupt(where, why));
        try {
            String key = in.readUTF();
            String etag = in.readUTF();
            long size = in.readLong();
            Instant created = readInstant(in);
            Instant modified = readInstant(in);
            String contentType = in.readUTF();
            String sha = in.readUTF();
            Map<String, String> user = CheckedFrame.readUserMetadata(in);
            int parts = in.readInt();
            List<Long> sizes = new ArrayList<>(parts);
            long sum = 0;
            for (int i = 0; i < parts; i++) {
                long s = in.readLong();
                sizes.add(s);
                sum += s;
            }
            if ((parts > 0 && sum != size) || in.available() != 0) {
                throw corrupt(where, "its part sizes do not add up to the object size");
            }
            return new Meta(new BlobMetadata(key, size, etag, contentType, user, created, modified,
                    sha.isEmpty() ? Optional.empty() : Optional.of(sha)), sizes);
        } catch (IOException e) {
            throw corrupt(where, "it ends early");
        }
    }

    /** The same version with another creation time (a concurrent writer created the key first). */
    Meta withCreated(Instant created) {
        BlobMetadata b = blob;
        return new Meta(new BlobMetadata(b.key(), b.size(), b.etag(), b.contentType(), b.userMetadata(), created, b.modified(),
                b.sha256()), partSizes);
    }

    /** True when the bytes are in the version file itself, before the trailer. */
    boolean inline() {
        return partSizes.isEmpty();
    }

    /** This metadata as a version file's trailer: the encoding, then its length. */
    byte[] trailer() {
        byte[] meta = encode();
        byte[] out = java.util.Arrays.copyOf(meta, meta.length + 4);
        ByteBuffer.wrap(out, meta.length, 4).putInt(meta.length);
        return out;
    }

    /**
     * Reads the trailer of the version file open on {@code ch} and checks that the bytes before it
     * are the object's when they are in the file ({@code where} names it in errors).
     */
    static Meta readTrailer(FileChannel ch, String where) throws IOException {
        long fileSize = ch.size();
        ByteBuffer len = ByteBuffer.allocate(4);
        if (fileSize < 4 || readFully(ch, len, fileSize - 4) < 4) {
            throw corrupt(where, "it is too short to end with metadata");
        }
        int n = len.getInt(0);
        if (n < MAGIC.length + 4 || n > MAX_TRAILER || n > fileSize - 4) {
            throw corrupt(where, "it does not end with metadata: truncated or overwritten");
        }
        ByteBuffer raw = ByteBuffer.allocate(n);
        readFully(ch, raw, fileSize - 4 - n);
        Meta meta = decode(raw.array(), where);
        long bytes = fileSize - 4 - n;
        long expected = meta.inline() ? meta.blob().size() : 0;
        if (bytes != expected) {
            throw corrupt(where, "it holds " + bytes + " bytes before its metadata, which says " + expected);
        }
        return meta;
    }

    private static int readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, position + buf.position());
            if (r < 0) {
                break;
            }
        }
        return buf.position();
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static CorruptionException corrupt(String where, String why) {
        return new CorruptionException("version file " + where + " is damaged (" + why + "); delete the object "
                + "and put it again, or restore the store from a backup");
    }
}
