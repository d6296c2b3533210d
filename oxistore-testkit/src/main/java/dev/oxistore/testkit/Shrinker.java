package dev.oxistore.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Delta debugging for failing sequences: repeatedly drops chunks (halves, quarters, ... single
 * elements) and replaces elements by simpler variants, keeping each candidate that still fails,
 * until nothing more can go or the replay budget is spent. Generic, so it is tested on plain lists.
 *
 * @param <T> the element type
 */
final class Shrinker<T> {

    private final Predicate<List<T>> stillFails;
    private final Function<T, List<T>> simpler;
    private final int budget;
    private int attempts;

    /**
     * @param stillFails replays a candidate (on a fresh store) and says whether it fails the same way
     * @param simpler    smaller variants of one element, tried in order; may be empty
     * @param budget     the most replays to spend
     */
    Shrinker(Predicate<List<T>> stillFails, Function<T, List<T>> simpler, int budget) {
        this.stillFails = stillFails;
        this.simpler = simpler;
        this.budget = budget;
    }

    /** The shortest failing sequence found, starting from {@code failing}. */
    List<T> shrink(List<T> failing) {
        List<T> current = List.copyOf(failing);
        boolean progress = true;
        while (progress && attempts < budget) {
            progress = false;
            for (int chunk = Math.max(1, current.size() / 2); chunk >= 1; chunk /= 2) {
                int start = 0;
                while (start < current.size() && attempts < budget) {
                    List<T> candidate = new ArrayList<>(current.subList(0, start));
                    candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                    if (tryCandidate(candidate)) {
                        current = List.copyOf(candidate);
                        progress = true;
                    } else {
                        start += chunk;
                    }
                }
            }
            for (int i = 0; i < current.size() && attempts < budget; i++) {
                for (T variant : simpler.apply(current.get(i))) {
                    List<T> candidate = new ArrayList<>(current);
                    candidate.set(i, variant);
                    if (tryCandidate(candidate)) {
                        current = List.copyOf(candidate);
                        progress = true;
                        break;
                    }
                    if (attempts >= budget) {
                        break;
                    }
                }
            }
        }
        return current;
    }

    /** Replays spent so far. */
    int attempts() {
        return attempts;
    }

    private boolean tryCandidate(List<T> candidate) {
        if (attempts >= budget) {
            return false;
        }
        attempts++;
        return stillFails.test(candidate);
    }
}
