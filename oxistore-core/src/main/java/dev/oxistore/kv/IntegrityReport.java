package dev.oxistore.kv;

import java.util.List;

/**
 * What {@link KvStore#checkIntegrity()} found.
 *
 * @param entriesChecked entries (or pages, for page-based engines) verified
 * @param problems       a human-readable line per problem; empty when everything checked out
 */
public record IntegrityReport(long entriesChecked, List<String> problems) {

    /** Copies {@code problems} so the record stays immutable. */
    public IntegrityReport {
        problems = List.copyOf(problems);
    }

    /** True when no problem was found. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
