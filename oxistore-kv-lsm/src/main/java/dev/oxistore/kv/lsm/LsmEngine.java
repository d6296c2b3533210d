package dev.oxistore.kv.lsm;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.WrongEngineException;
import dev.oxistore.kv.spi.KvEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@link EngineKind#LSM} engine: log-structured merge trees, one directory per store (see the
 * module README for the layout, formats, options and durability). Found by
 * {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class LsmEngine implements KvEngine {

    /** Creates the engine (for {@link java.util.ServiceLoader}). */
    public LsmEngine() {
    }

    @Override
    public EngineKind kind() {
        return EngineKind.LSM;
    }

    @Override
    public KvStore open(Path path, StoreConfig config) {
        return LsmStore.open(path, config, FileIo.DEFAULT);
    }

    @Override
    public KvStore openInMemory(StoreConfig config) {
        throw new UnsupportedFeatureException(Capability.PERSISTENT, "the LSM engine keeps its tables on disk and has no "
                + "in-memory mode: open it at a path (a temporary directory works), or use EngineKind.MEMORY");
    }

    @Override
    public boolean recognizes(Path path) {
        return StoreFiles.recognizes(path);
    }

    @Override
    public void destroy(Path path) {
        StoreFiles.destroy(path);
    }

    @Override
    public void restore(Path backup, Path target) {
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
        if (!StoreFiles.recognizes(backup)) {
            throw new WrongEngineException(backup + " is not an LSM store or backup: restore it with the engine that wrote it");
        }
        try (KvStore store = open(backup, StoreConfig.builder().readOnly(true).build())) {
            IntegrityReport report = store.checkIntegrity();
            if (!report.ok()) {
                throw new CorruptionException("backup " + backup + " failed verification, nothing was restored: " + report.problems());
            }
        }
        try {
            Backup.copy(backup, target);
        } catch (IOException e) {
            throw new StoreIOException("restore of " + backup + " to " + target + " failed: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "LsmEngine[" + EngineKind.LSM.artifactId() + "]";
    }
}
