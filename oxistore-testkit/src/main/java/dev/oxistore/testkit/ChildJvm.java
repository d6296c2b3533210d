package dev.oxistore.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a child JVM on this test's class path, with this JVM's java binary and the pure-Java
 * deny flags, for tests that need a real process: crash tests (killed with SIGKILL), lock
 * holders, a command run twice as two processes, a heap-limited streaming run.
 */
public final class ChildJvm {

    /** The flags every OxiStore JVM runs with: no native access, no {@code sun.misc.Unsafe}. */
    public static final List<String> DENY_FLAGS =
            List.of("--illegal-native-access=deny", "--sun-misc-unsafe-memory-access=deny");

    private ChildJvm() {
    }

    /**
     * A process builder for {@code java <deny flags> <jvmOptions> -cp <class path> main args}.
     * Surefire's own class path is used when present (its {@code java.class.path} may be a
     * manifest-only booter jar).
     */
    public static ProcessBuilder command(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(DENY_FLAGS);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** The class path of the running tests. */
    public static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
