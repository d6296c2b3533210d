package dev.oxistore.kv.btree;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WrongEngineException;
import dev.oxistore.kv.spi.KvEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@link EngineKind#BTREE} engine: B-tree stores on H2 MVStore, one directory per store
 * (see the module README for the layout, options and durability). Found by
 * {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class BtreeEngine implements KvEngine {

    /** Creates the engine (for {@link java.util.ServiceLoader}). */
    public BtreeEngine() {
    }

    @Override
    public EngineKind kind() {
        return EngineKind.BTREE;
    }

    @Override
    public KvStore open(Path path, StoreConfig config) {
        return BtreeStore.open(path, config);
    }

    @Override
    public KvStore openInMemory(StoreConfig config) {
        return BtreeStore.openInMemory(config);
    }

    @Override
    public boolean recognizes(Path path) {
        return StoreDir.recognizes(path);
    }

    @Override
    public void destroy(Path path) {
        StoreDir.destroy(path);
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
        if (!StoreDir.recognizes(backup)) {
            throw new WrongEngineException(backup + " is not a BTREE store or backup: restore it with the engine that wrote it");
        }
        try (KvStore store = BtreeStore.open(backup, StoreConfig.builder().readOnly(true).build())) {
            IntegrityReport report = store.checkIntegrity();
            if (!report.ok()) {
                throw new CorruptionException("backup " + backup + " failed verification, nothing was restored: "
                        + report.problems());
            }
        }
        try {
            StoreDir.copyStore(backup, target);
        } catch (IOException e) {
            throw Errors.io(target.toString(), e);
        }
    }

    @Override
    public String toString() {
        return "BtreeEngine[" + EngineKind.BTREE.artifactId() + "]";
    }
}
