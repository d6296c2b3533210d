package dev.oxistore.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Damage to a store's files, as corruption tests inflict it: the engine must detect it, not read it as data. */
public final class FileDamage {

    private FileDamage() {
    }

    /** Flips one bit (0x40) of the byte at {@code offset} of {@code file}, as a media error would. */
    public static void flipBit(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            if (b < 0) {
                throw new IOException(file + " has no byte at " + offset);
            }
            f.seek(offset);
            f.write(b ^ 0x40);
        }
    }
}
