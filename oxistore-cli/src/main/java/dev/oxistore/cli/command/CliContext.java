package dev.oxistore.cli.command;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a command gets from the {@code oxistore} command it runs under: the global options, the
 * store opener and the standard input. The root command implements it; commands reach it through
 * their picocli spec's root.
 */
public interface CliContext {

    /** The {@code --store} path as given, or empty when the option was left out. */
    Optional<Path> storeOption();

    /** {@code --store}, or the default {@code ./oxistore-data}. */
    Path storePath();

    /** The {@code --engine} kind as given, or empty (detect the store's engine, else the default). */
    Optional<EngineKind> engineOption();

    /**
     * Opens the store named by the global options; when a command that writes opens an in-memory
     * engine, it warns on stderr that nothing is kept.
     */
    KvStore openStore(Access access);

    /** Opens a store as {@code request} says, through the context's opener. */
    KvStore open(OpenRequest request);

    /** The bytes of a key or value argument: UTF-8, or hex digits under {@code --hex}. */
    byte[] bytesArg(String text, String what);

    /** Where {@code import -} reads from. */
    InputStream stdin();

    /** True when stderr is an interactive terminal, so progress can redraw in place. */
    boolean terminal();
}
