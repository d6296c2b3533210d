package dev.oxistore.kv.lsm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the engine gets its file channels: every table, log and manifest write goes through
 * here, so tests can inject failing {@code force} or {@code write} calls (a full disk, a dying
 * device) and check what the store does.
 */
public interface FileIo {

    /** The real file system. */
    FileIo DEFAULT = FileChannel::open;

    FileChannel open(Path path, OpenOption... options) throws IOException;

    /** Makes a directory's entries (creations, renames, deletions) durable. */
    default void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems refuse to open directories for sync; nothing more can be done there
            if (!(e instanceof java.nio.file.AccessDeniedException)) {
                throw e;
            }
        }
    }
}
