package dev.oxistore.kv.spi;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WrongEngineException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks every persistent engine's {@link KvEngine#restore} makes before it copies anything,
 * so they say the same thing for every engine: both paths given, the target absent, the backup
 * present, written by this engine, and passing an integrity check when opened read-only.
 */
public final class Restores {

    private Restores() {
    }

    /**
     * Checks that {@code backup} can be restored to {@code target} by {@code engine}; returns
     * normally only when the engine may go on and copy.
     *
     * @throws InvalidArgumentException when a path is null or {@code target} exists
     * @throws NotFoundException        when there is nothing at {@code backup}
     * @throws WrongEngineException     when {@code backup} is not this engine's
     * @throws CorruptionException      when the backup fails its integrity check
     */
    public static void verify(KvEngine engine, Path backup, Path target) {
        if (backup == null || target == null) {
            throw new InvalidArgumentException("restore needs a backup path and a target path, got " + backup + " and " + target);
        }
        if (Files.exists(target)) {
            throw new InvalidArgumentException("restore target " + target + " already exists: restore into a new path "
                    + "(destroy the old store first if you mean to replace it)");
        }
        if (!Files.exists(backup)) {
            throw new NotFoundException("no backup at " + backup);
        }
        if (!engine.recognizes(backup)) {
            throw new WrongEngineException(backup + " is not a store or backup of the " + engine.kind()
                    + " engine: restore it with the engine that wrote it");
        }
        try (KvStore store = engine.open(backup, StoreConfig.builder().readOnly(true).build())) {
            IntegrityReport report = store.checkIntegrity();
            if (!report.ok()) {
                throw new CorruptionException("backup " + backup + " failed verification, nothing was restored: "
                        + report.problems());
            }
        }
    }
}
