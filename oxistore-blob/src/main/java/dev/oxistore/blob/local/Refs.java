package dev.oxistore.blob.local;

import dev.oxistore.kv.CorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The reference {@code <segment>.ref} that names a key's current version file
 * {@code <segment>.<etag>.obj} in the same directory. Publishing a version is one rename of a new
 * reference over the old one: the commit point of every write.
 *
 * <p>A reference is a symbolic link whose target is the version file's name. A link holds no data
 * blocks, so renaming it over another costs no write-back: ext4 ({@code auto_da_alloc}) starts
 * writing out any regular file renamed over another, which made a put's commit cost more than
 * writing a 1 MiB object. Where links cannot be made (Windows without the privilege), the
 * reference is a small regular file holding the same name; both kinds are always read.
 */
final class Refs {

    static final String SUFFIX = ".ref";
    private static final int MAX_NAME = 1024;

    private final Path tmp;
    private final boolean links;

    /** References made through {@code tmp}; symbolic links when {@code links} and the file system makes them. */
    Refs(Path tmp, boolean links) {
        this.tmp = tmp;
        this.links = links && canLink(tmp);
    }

    private static boolean canLink(Path tmp) {
        Path probe = tmp.resolve(LocalBlobStore.tempName());
        try {
            Files.createSymbolicLink(probe, Path.of("probe"));
            Files.delete(probe);
            return true;
        } catch (UnsupportedOperationException | IOException | SecurityException e) {
            return false;
        }
    }

    /** Whether references are symbolic links (else regular files). */
    boolean links() {
        return links;
    }

    /**
     * The ETag of the version {@code ref} names, or null when there is no reference. The target must
     * be {@code <segment>.<etag>.obj}: anything else is damage, never a path to follow.
     */
    String read(Path ref, String segment) throws IOException {
        String target;
        try {
            target = Files.readSymbolicLink(ref).toString();
        } catch (NoSuchFileException e) {
            return null;
        } catch (NotLinkException e) {
            try {
                if (Files.size(ref) > MAX_NAME) {
                    throw damaged(ref, "it is too long");
                }
                target = Files.readString(ref, StandardCharsets.UTF_8);
            } catch (NoSuchFileException gone) {
                return null;
            }
        }
        String etag = Layout.versionEtag(target, segment);
        if (etag == null) {
            throw damaged(ref, "it names '" + target + "', not a version of its key");
        }
        return etag;
    }

    /**
     * Points {@code ref} at {@code target} in one atomic step: a new link made in place when there
     * is no reference yet ({@code replace} false; the caller holds the key's lock), else a new one
     * made in {@code tmp/} and renamed over the old. Forced when {@code sync} (a link has no
     * contents to force: the caller's force of the directory commits it).
     */
    void write(Path ref, String target, boolean replace, boolean sync) throws IOException {
        if (links && !replace) {
            Files.createSymbolicLink(ref, Path.of(target));
            return;
        }
        Path t = tmp.resolve(LocalBlobStore.tempName());
        boolean moved = false;
        try {
            if (links) {
                Files.createSymbolicLink(t, Path.of(target));
            } else {
                try (FileChannel ch = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.wrap(target.getBytes(StandardCharsets.UTF_8)));
                    if (sync) {
                        ch.force(true);
                    }
                }
            }
            Files.move(t, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(t);
            }
        }
    }

    private static CorruptionException damaged(Path ref, String why) {
        return new CorruptionException("reference " + ref + " is damaged (" + why + "); delete the object and put it again, "
                + "or restore the store from a backup");
    }
}
