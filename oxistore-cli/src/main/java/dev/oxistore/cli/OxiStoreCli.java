package dev.oxistore.cli;

import dev.oxistore.OxiStore;
import dev.oxistore.cli.bench.BenchCommand;
import dev.oxistore.cli.blob.BlobCommand;
import dev.oxistore.cli.command.Access;
import dev.oxistore.cli.command.CliContext;
import dev.oxistore.cli.command.CliException;
import dev.oxistore.cli.command.CompactCommand;
import dev.oxistore.cli.command.CountCommand;
import dev.oxistore.cli.command.DeleteCommand;
import dev.oxistore.cli.command.ExportCommand;
import dev.oxistore.cli.command.IoErrors;
import dev.oxistore.cli.command.GetCommand;
import dev.oxistore.cli.command.ImportCommand;
import dev.oxistore.cli.command.InfoCommand;
import dev.oxistore.cli.command.OpenRequest;
import dev.oxistore.cli.command.PutCommand;
import dev.oxistore.cli.command.ScanCommand;
import dev.oxistore.cli.command.StoreOpener;
import dev.oxistore.cli.command.VerifyCommand;
import dev.oxistore.cli.export.ExportFormatException;
import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.EngineUnavailableException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreException;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code oxistore} command: global options, the subcommands, and how failures end the process
 * (one line {@code oxistore: <message>} on stderr; exit code 2 for bad usage or input, 1 for
 * anything else; the stack trace only under {@code --verbose}).
 */
@Command(name = "oxistore", mixinStandardHelpOptions = true, versionProvider = OxiStoreCli.Version.class,
        description = "Reads and writes an OxiStore key-value store from the command line.",
        subcommands = {PutCommand.class, GetCommand.class, DeleteCommand.class, ScanCommand.class, CountCommand.class,
                InfoCommand.class, ExportCommand.class, ImportCommand.class, VerifyCommand.class, CompactCommand.class,
                BenchCommand.class, BlobCommand.class, HelpCommand.class},
        footer = {"", "Keys and values are UTF-8 text; with --hex every key, value, prefix and bound is hex digits.",
                "Exit codes: 0 ok, 1 store or data error (or key not found), 2 bad usage or input. See docs/cli.md."})
public final class OxiStoreCli implements Callable<Integer>, CliContext {

    /** Where the store lives when {@code --store} is left out, relative to the working directory. */
    public static final Path DEFAULT_STORE = Path.of("oxistore-data");

    @Option(names = "--store", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "The store to use (default: ./oxistore-data).")
    Path store;

    @Option(names = "--engine", paramLabel = "KIND", scope = ScopeType.INHERIT, converter = EngineKindConverter.class,
            description = "memory, btree, lsm or hlog (default: the engine that wrote the store, else btree). "
                    + "With memory, each command starts from an empty store.")
    EngineKind engine;

    @Option(names = "--hex", scope = ScopeType.INHERIT,
            description = "Read keys, values, prefixes and bounds on the command line as hex digits.")
    boolean hex;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final StoreOpener opener;
    private final InputStream stdin;
    private final boolean terminal;

    /** The command as the launcher runs it: stores open through {@link OxiStore}. */
    public OxiStoreCli() {
        this(StoreOpener.FACADE, System.in, stderrIsTerminal());
    }

    /** For tests: a chosen opener, standard input and terminal mode. */
    OxiStoreCli(StoreOpener opener, InputStream stdin, boolean terminal) {
        this.opener = opener;
        this.stdin = stdin;
        this.terminal = terminal;
    }

    /** Runs the command with {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8)));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int code = new OxiStoreCli().execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs {@code args} with the given output streams and returns the exit code. */
    int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(this)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // Values such as "-5" are data, not unknown options; a misspelt option still fails,
                // as an argument too many.
                .setUnmatchedOptionsArePositionalParams(true)
                .setExecutionExceptionHandler(this::onFailure)
                .setParameterExceptionHandler(this::onUsageError);
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliException.USAGE;
    }

    // ---- CliContext ----

    @Override
    public Optional<Path> storeOption() {
        return Optional.ofNullable(store);
    }

    @Override
    public Path storePath() {
        return store != null ? store : DEFAULT_STORE;
    }

    @Override
    public Optional<EngineKind> engineOption() {
        return Optional.ofNullable(engine);
    }

    @Override
    public KvStore openStore(Access access) {
        if (engine == EngineKind.MEMORY && access != Access.READ) {
            spec.commandLine().getErr().println("oxistore: warning: --engine memory keeps nothing: "
                    + "the store is gone when this command exits");
        }
        return open(new OpenRequest(engine, storePath(), access, null));
    }

    @Override
    public KvStore open(OpenRequest request) {
        return opener.open(request);
    }

    @Override
    public byte[] bytesArg(String text, String what) {
        if (!hex) {
            return Bytes.utf8(text);
        }
        try {
            return Bytes.fromHex(text);
        } catch (InvalidArgumentException e) {
            throw new CliException(what + " '" + text + "' is not hex (--hex expects an even number of 0-9a-f digits)",
                    CliException.USAGE, e);
        }
    }

    @Override
    public InputStream stdin() {
        return stdin;
    }

    @Override
    public boolean terminal() {
        return terminal;
    }

    // ---- failures ----

    private int onFailure(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("oxistore: " + message(e));
        if (verbose) {
            e.printStackTrace(err);
        }
        return exitCode(e);
    }

    private int onUsageError(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String name = e.getCommandLine().getCommandSpec().qualifiedName();
        err.println("oxistore: " + e.getMessage() + " (see '" + name + " --help')");
        if (verbose) {
            e.printStackTrace(err);
        }
        return CliException.USAGE;
    }

    static String message(Throwable e) {
        return switch (e) {
            case EngineUnavailableException u -> u.getMessage() + "; engines present: "
                    + String.join(", ", OxiStore.availableEngines().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList())
                    + " (choose one with --engine)";
            case StoreException s -> s.getMessage();
            case CliException c -> c.getMessage();
            case ExportFormatException f -> "import: " + f.getMessage();
            case UncheckedIOException io -> io.getMessage().equals(String.valueOf(io.getCause()))
                    ? IoErrors.describe(io.getCause()) : io.getMessage() + ": " + IoErrors.describe(io.getCause());
            case IOException io -> IoErrors.describe(io);
            default -> "internal error: " + e + " (run with --verbose for the stack trace)";
        };
    }

    static int exitCode(Throwable e) {
        return switch (e) {
            case CliException c -> c.exitCode();
            case InvalidArgumentException i -> CliException.USAGE;
            default -> CliException.FAILURE;
        };
    }

    private static boolean stderrIsTerminal() {
        // The launcher knows whether stderr is a terminal ([ -t 2 ]); the JDK can only tell
        // whether stdin and stdout are, which is the next best guess.
        String told = System.getProperty("oxistore.stderr.terminal");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** Parses {@code --engine} case-insensitively with the core's message listing the engines. */
    static final class EngineKindConverter implements ITypeConverter<EngineKind> {
        @Override
        public EngineKind convert(String value) {
            try {
                return EngineKind.parse(value);
            } catch (InvalidArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The version from the module descriptor (set by the build), else "dev". */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = OxiStoreCli.class.getModule().getDescriptor() == null ? null
                    : OxiStoreCli.class.getModule().getDescriptor().rawVersion().orElse(null);
            if (v == null) {
                v = OxiStoreCli.class.getPackage().getImplementationVersion();
            }
            return new String[] {"oxistore " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
