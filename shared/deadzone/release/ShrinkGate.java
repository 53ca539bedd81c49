package deadzone.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shrink gate (docs/workflow.md, "When to pass --allow-shrink"): an entry of the previous
 * release that is missing, or that lost more than {@code maxShrinkPercent} of its chunks, stops
 * the publish unless it is allowed. An entry removed from the registry is not a loss.
 */
public final class ShrinkGate {
    public static final double DEFAULT_MAX_SHRINK = 30;

    private ShrinkGate() {
    }

    public enum Outcome {
        /** Nothing shrank beyond the threshold. */
        PUBLISH,
        /** Something did, and --allow-shrink lets it through. */
        ALLOWED,
        REFUSED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The decision and the entries that decided it. */
    public record Verdict(Outcome outcome, List<ReleaseDiff.EntryChange> shrunk, double maxShrinkPercent,
                          boolean registryKnown) {
        public boolean refused() {
            return outcome == Outcome.REFUSED;
        }

        /** What shrank, naming each entry: "/acme/gears lost 40 % of its chunks (50 → 30), /acme/old 2.0 is missing (…)". */
        public String shrunkText() {
            return shrunk.stream().map(this::describe).collect(Collectors.joining(", "));
        }

        /** The one line a refusal prints. */
        public String refusal(String baselineSource) {
            return "refusing to publish: " + shrunk.size() + (shrunk.size() == 1 ? " entry" : " entries")
                + " of the previous release (" + baselineSource + ") shrank: " + shrunkText()
                + "; if that is expected, pass --allow-shrink (or a higher --max-shrink)";
        }

        private String describe(ReleaseDiff.EntryChange e) {
            if (e.change() == ReleaseDiff.Change.MISSING) {
                return e.key().label() + " is missing (" + (registryKnown ? "the registry still lists it"
                    : "pass --libs with the ListLibs output to tell a library removed from the registry from a lost one")
                    + ")";
            }
            return e.key().label() + " lost " + percent(e.lostPercent()) + " of its chunks (" + e.chunksBefore()
                + " → " + e.chunksAfter() + ")";
        }
    }

    public static Verdict judge(ReleaseDiff diff, double maxShrinkPercent, boolean allowShrink, boolean registryKnown) {
        List<ReleaseDiff.EntryChange> shrunk = new ArrayList<>();
        for (ReleaseDiff.EntryChange e : diff.entries()) {
            if (e.change() == ReleaseDiff.Change.MISSING
                || (e.change() == ReleaseDiff.Change.CHANGED && e.lostPercent() > maxShrinkPercent)) {
                shrunk.add(e);
            }
        }
        Outcome outcome = shrunk.isEmpty() ? Outcome.PUBLISH : allowShrink ? Outcome.ALLOWED : Outcome.REFUSED;
        return new Verdict(outcome, List.copyOf(shrunk), maxShrinkPercent, registryKnown);
    }

    /** "40 %", "12.5 %": one decimal at most, none when it is whole. */
    public static String percent(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + " %";
    }
}
