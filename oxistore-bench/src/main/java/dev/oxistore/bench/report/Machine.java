package dev.oxistore.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine a run measured on, as the report states it: CPU, cores, memory, OS, JDK, JVM flags. */
public record Machine(String cpu, int cores, String memory, String os, String jdk, String jvmFlags) {

    /** This machine, now. */
    public static Machine current() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(v.replaceAll("[^0-9]", "")) / 1048576.0))
                .orElse("unknown");
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.vendor") + ")";
        String flags = String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Doxistore.bench.command")).toList());
        long heap = Runtime.getRuntime().maxMemory();
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), mem + " (max heap "
                + String.format(Locale.ROOT, "%.1f GiB", heap / 1073741824.0) + ")", os, jdk, flags);
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String l : lines) {
                if (l.startsWith(key)) {
                    int colon = l.indexOf(':');
                    return java.util.Optional.of(l.substring(colon + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }
}
