package dev.oxistore.cli.command;

import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import java.nio.file.Path;

/**
 * What a command asks a {@link StoreOpener} for.
 *
 * @param engine     the engine named by the user, or null to detect it (else the default engine)
 * @param path       where the store lives (ignored by in-memory engines)
 * @param access     how the command uses the store
 * @param durability the durability to open with, or null for the default
 */
public record OpenRequest(EngineKind engine, Path path, Access access, Durability durability) {
}
