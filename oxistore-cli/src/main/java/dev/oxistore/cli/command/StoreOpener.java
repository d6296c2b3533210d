package dev.oxistore.cli.command;

import dev.oxistore.OxiStore;
import dev.oxistore.kv.Capability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the store a command works on. The CLI uses {@link #FACADE}; tests pass their own, for
 * example one that hands every command the same in-memory store.
 */
@FunctionalInterface
public interface StoreOpener {

    /** Opens the store {@code request} describes; the command closes it when done. */
    KvStore open(OpenRequest request);

    /**
     * Opens through {@link OxiStore}: {@link EngineKind#MEMORY} gives a fresh in-memory store;
     * otherwise the named engine, or the one {@link OxiStore#detect} finds, or the default.
     * Read-only requests need an existing store and open it read-only where the engine can.
     */
    StoreOpener FACADE = StoreOpener::openWithFacade;

    private static KvStore openWithFacade(OpenRequest r) {
        StoreConfig.Builder config = StoreConfig.builder();
        if (r.durability() != null) {
            config.durability(r.durability());
        }
        if (r.engine() == EngineKind.MEMORY) {
            return OxiStore.openInMemory(EngineKind.MEMORY, config.build());
        }
        Path path = r.path();
        if (r.access() == Access.WRITE) {
            return r.engine() == null ? OxiStore.open(path, config.build()) : OxiStore.open(r.engine(), path, config.build());
        }
        if (!Files.exists(path)) {
            throw new NotFoundException("no store at " + path + ": write to it first (oxistore put KEY VALUE), "
                    + "or point --store at an existing store");
        }
        Optional<EngineKind> kind = r.engine() != null ? Optional.of(r.engine()) : OxiStore.detect(path);
        if (kind.isEmpty()) {
            return OxiStore.openReadOnly(path); // raises the facade's explanation of what is missing
        }
        StoreConfig existingOnly = config.createIfMissing(false).build();
        if (r.access() == Access.MODIFY) {
            return OxiStore.open(kind.get(), path, existingOnly);
        }
        try {
            return OxiStore.open(kind.get(), path, existingOnly.toBuilder().readOnly(true).build());
        } catch (UnsupportedFeatureException e) {
            if (e.capability() != Capability.READ_ONLY_OPEN) {
                throw e;
            }
            return OxiStore.open(kind.get(), path, existingOnly); // reads still work; nothing gets created
        }
    }
}
