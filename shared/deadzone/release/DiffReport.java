//DEPS com.fasterxml.jackson.core:jackson-databind:2.20.1
package deadzone.release;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import deadzone.util.Json;

import java.util.Map;

/**
 * The diff and the verdict as people and programs read them: markdown for the job summary and
 * the release body, JSON for {@code --diff-out} (docs/workflow.md, "Reading the diff").
 */
public final class DiffReport {
    private DiffReport() {
    }

    /** The whole report, tables uncut. */
    public static String markdown(ReleaseDiff diff, ShrinkGate.Verdict verdict) {
        return markdown(diff, verdict, Integer.MAX_VALUE);
    }

    /** The report with its table cut to fit {@code maxChars} (the release body has a size limit). */
    public static String markdown(ReleaseDiff diff, ShrinkGate.Verdict verdict, int maxChars) {
        StringBuilder md = new StringBuilder("### Changes since the previous release\n\n");
        Manifest current = diff.current();
        if (diff.firstPublish()) {
            md.append("First publish: ").append(diff.baseline().source()).append(", so all ")
                .append(current.entries().size()).append(" entries are new (").append(current.chunks())
                .append(" chunks).\n\n");
        } else {
            md.append("Compared with ").append(diff.baseline().source()).append(" (").append(diff.baseline().manifest().dbName())
                .append(" `").append(ManifestFile.abbreviate(diff.baseline().manifest().dbSha256())).append("`).\n\n");
            if (diff.isEmpty()) {
                md.append("No change: the same ").append(current.entries().size())
                    .append(" entries with the same content.\n\n");
            } else {
                MarkdownTable table = new MarkdownTable("lib_id", "version", "change", "chunks:", "docs:", "content");
                for (ReleaseDiff.EntryChange e : diff.entries()) {
                    if (e.change() != ReleaseDiff.Change.UNCHANGED) {
                        table.row(e.key().libId(), e.key().version(), changeText(e, verdict),
                            counts(e.chunksBefore(), e.chunksAfter(), e), counts(e.docsBefore(), e.docsAfter(), e),
                            e.content());
                    }
                }
                int room = Math.max(400, maxChars - md.length() - 600);
                md.append(table.render(room, "the diff JSON (DbRelease --diff-out)")).append('\n');
                md.append(totalsLine(diff)).append("\n\n");
            }
        }
        md.append(verdictLine(diff, verdict)).append('\n');
        return md.toString();
    }

    /** "1 added, 0 removed, 0 missing, 2 changed, 1 rebuilt, 3 unchanged; 3248 → 3300 chunks (+52)." */
    public static String totalsLine(ReleaseDiff diff) {
        StringBuilder line = new StringBuilder();
        for (Map.Entry<ReleaseDiff.Change, Integer> t : diff.totals().entrySet()) {
            line.append(line.isEmpty() ? "" : ", ").append(t.getValue()).append(' ').append(t.getKey().label());
        }
        long before = diff.baseline().manifest() == null ? 0 : diff.baseline().manifest().chunks();
        long after = diff.current().chunks();
        return line.append("; ").append(before).append(" → ").append(after).append(" chunks (")
            .append(signed(after - before)).append(").").toString();
    }

    static String verdictLine(ReleaseDiff diff, ShrinkGate.Verdict verdict) {
        return switch (verdict.outcome()) {
            case PUBLISH -> "Verdict: **publish**" + (diff.firstPublish() ? "." : ": no entry of the previous release"
                + " is missing or lost more than " + ShrinkGate.percent(verdict.maxShrinkPercent()) + " of its chunks.");
            case ALLOWED -> "Verdict: **publish with --allow-shrink**: " + verdict.shrunkText() + ".";
            case REFUSED -> "Verdict: **refused**: " + verdict.shrunkText() + " (more than --max-shrink "
                + ShrinkGate.percent(verdict.maxShrinkPercent()) + "; pass --allow-shrink if that is expected).";
        };
    }

    /** The diff as JSON: every entry of either manifest, with its change, counts and lost share. */
    public static String json(ReleaseDiff diff, ShrinkGate.Verdict verdict) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode baseline = root.putObject("baseline");
        baseline.put("source", diff.baseline().source());
        if (diff.firstPublish()) {
            baseline.putNull("database_sha256");
        } else {
            baseline.put("database_sha256", diff.baseline().manifest().dbSha256());
        }
        root.put("database_sha256", diff.current().dbSha256());
        root.put("first_publish", diff.firstPublish());
        root.put("max_shrink_percent", verdict.maxShrinkPercent());
        root.put("verdict", verdict.outcome().label());
        ArrayNode shrunk = root.putArray("shrunk");
        verdict.shrunk().forEach(e -> shrunk.addObject().put("lib_id", e.key().libId()).put("version", e.key().version()));
        ObjectNode totals = root.putObject("totals");
        diff.totals().forEach((change, n) -> totals.put(change.label(), n));
        ArrayNode entries = root.putArray("entries");
        for (ReleaseDiff.EntryChange e : diff.entries()) {
            entries.addObject()
                .put("lib_id", e.key().libId())
                .put("version", e.key().version())
                .put("change", e.change().label())
                .put("content", e.content())
                .put("chunks_before", e.chunksBefore())
                .put("chunks_after", e.chunksAfter())
                .put("docs_before", e.docsBefore())
                .put("docs_after", e.docsAfter())
                .put("lost_percent", Math.round(e.lostPercent() * 10) / 10.0);
        }
        return Json.write(root) + "\n";
    }

    private static String changeText(ReleaseDiff.EntryChange e, ShrinkGate.Verdict verdict) {
        return switch (e.change()) {
            case REMOVED -> "removed from the registry";
            case MISSING -> verdict.registryKnown() ? "missing (still in the registry)" : "missing";
            case CHANGED -> verdict.shrunk().contains(e) ? "changed, lost " + ShrinkGate.percent(e.lostPercent())
                : "changed";
            default -> e.change().label();
        };
    }

    /** "20", "20 → 24 (+4)", or for an entry on one side only its count. */
    private static String counts(long before, long after, ReleaseDiff.EntryChange e) {
        if (e.change() == ReleaseDiff.Change.ADDED) {
            return Long.toString(after);
        }
        return before == after ? Long.toString(after) : before + " → " + after + " (" + signed(after - before) + ")";
    }

    private static String signed(long n) {
        return n > 0 ? "+" + n : n < 0 ? "−" + -n : "±0";
    }
}
