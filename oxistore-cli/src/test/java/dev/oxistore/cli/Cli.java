package dev.oxistore.cli;

import dev.oxistore.OxiStore;
import dev.oxistore.cli.command.OpenRequest;
import dev.oxistore.cli.command.StoreOpener;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code oxistore} commands in-process with captured output. {@link #sharedMemory} gives every
 * command the same in-memory store (whose close is ignored), since a real memory store would not
 * outlive one command; {@link #facade()} opens stores through {@link OxiStore} as the launcher does.
 */
final class Cli {

    /** What a command did. */
    record Result(int exit, String out, String err) {
    }

    private final StoreOpener opener;
    private final KvStore shared;
    final List<OpenRequest> requests = new ArrayList<>();

    private Cli(StoreOpener opener, KvStore shared) {
        this.opener = opener;
        this.shared = shared;
    }

    /** Commands share one memory store with {@code clock}. */
    static Cli sharedMemory(InstantSource clock) {
        KvStore store = OxiStore.openInMemory(EngineKind.MEMORY, StoreConfig.builder().clock(clock).build());
        KvStore unclosable = (KvStore) Proxy.newProxyInstance(KvStore.class.getClassLoader(), new Class<?>[] {KvStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Cli[] self = new Cli[1];
        self[0] = new Cli(r -> {
            self[0].requests.add(r);
            return unclosable;
        }, store);
        return self[0];
    }

    /** Commands open their stores through the facade. */
    static Cli facade() {
        return new Cli(StoreOpener.FACADE, null);
    }

    /** The shared store, for checking what commands did. */
    KvStore store() {
        return shared;
    }

    Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    Result runWithInput(String stdin, String... args) {
        return runWithInput(stdin.getBytes(StandardCharsets.ISO_8859_1), args);
    }

    Result runWithInput(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream(stdin);
        int code = new OxiStoreCli(opener, in, false).execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
