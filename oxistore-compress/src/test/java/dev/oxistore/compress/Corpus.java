package dev.oxistore.compress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real files found on the machine at test time: the JDK's module image and libraries, license
 * texts, Debian documentation and a few binaries. The selection is deterministic (sorted paths,
 * fixed counts), each file is cut to at most {@code maxBytes}, and missing files are skipped, so the
 * corpus may be smaller on another machine but never makes a test fail.
 */
public final class Corpus {

    /** A named corpus entry. */
    public record Entry(String name, byte[] data) {
        @Override
        public String toString() {
            return name + " (" + data.length + " bytes)";
        }
    }

    private Corpus() {
    }

    /** Up to {@code maxFiles} entries of at most {@code maxBytes} bytes each. */
    public static List<Entry> load(int maxFiles, int maxBytes) {
        List<Path> candidates = new ArrayList<>();
        Path javaHome = Path.of(System.getProperty("java.home"));
        candidates.add(javaHome.resolve("lib/modules"));
        candidates.add(javaHome.resolve("lib/server/libjvm.so"));
        for (String bin : new String[] {"/bin/bash", "/usr/bin/perl", "/usr/bin/tar", "/usr/bin/ls"}) {
            candidates.add(Path.of(bin));
        }
        candidates.addAll(list(Path.of("/usr/share/common-licenses"), "", 4));
        candidates.addAll(docs(4));
        candidates.addAll(list(javaHome.resolve("lib"), ".so", 3));
        List<Entry> out = new ArrayList<>();
        for (Path p : candidates) {
            if (out.size() >= maxFiles) {
                break;
            }
            byte[] data = read(p, maxBytes);
            if (data != null && data.length > 0 && out.stream().noneMatch(e -> e.name().equals(p.toString()))) {
                out.add(new Entry(p.toString(), data));
            }
        }
        return out;
    }

    private static List<Path> list(Path dir, String suffix, int n) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().limit(n).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Path> docs(int n) {
        Path dir = Path.of("/usr/share/doc");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(Files::isRegularFile).filter(p -> !Files.isSymbolicLink(p))
                    .filter(p -> p.toString().endsWith("copyright") || p.toString().endsWith(".gz"))
                    .sorted().limit(n).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static byte[] read(Path p, int maxBytes) {
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(maxBytes);
        } catch (IOException e) {
            return null;
        }
    }
}
