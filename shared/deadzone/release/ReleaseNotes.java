package deadzone.release;

/**
 * The part of the release body DbRelease owns: between two HTML-comment markers, the diff and
 * then the coverage table of the published manifest. Each publish replaces that part only; the
 * rest of the body is left as its authors wrote it (docs/workflow.md, "The release notes").
 */
public final class ReleaseNotes {
    public static final String BEGIN = "<!-- deadzone-pack:release-notes:begin (written by DbRelease, replaced on every publish) -->";
    public static final String END = "<!-- deadzone-pack:release-notes:end -->";
    /** GitHub refuses a release body longer than this. */
    public static final int BODY_LIMIT = 125_000;
    private static final String BEGIN_PREFIX = "<!-- deadzone-pack:release-notes:begin";

    private ReleaseNotes() {
    }

    /** {@code body} with the section holding the diff and coverage replaced (or appended), within {@link #BODY_LIMIT}. */
    public static String splice(String body, ReleaseDiff diff, ShrinkGate.Verdict verdict) {
        String text = body == null ? "" : body;
        int begin = text.lastIndexOf(BEGIN_PREFIX);
        int end = begin < 0 ? -1 : text.indexOf(END, begin);
        String before;
        String after;
        if (begin >= 0 && end >= 0) {
            before = text.substring(0, begin);
            after = text.substring(end + END.length());
        } else {
            before = text.isBlank() ? "" : text.stripTrailing() + "\n\n";
            after = "\n";
        }
        int room = BODY_LIMIT - before.length() - after.length() - BEGIN.length() - END.length() - 8;
        return before + BEGIN + "\n" + section(diff, verdict, room) + END + after;
    }

    /** The diff, then the coverage, in about {@code room} characters (half each at most when both are long). */
    static String section(ReleaseDiff diff, ShrinkGate.Verdict verdict, int room) {
        String changes = DiffReport.markdown(diff, verdict, Math.max(0, room / 2));
        return changes + "\n" + coverage(diff.current(), Math.max(0, room - changes.length() - 1));
    }

    /** The table of every entry of the manifest, then its totals, in at most {@code maxChars} (rows are cut first). */
    public static String coverage(Manifest manifest, int maxChars) {
        MarkdownTable table = new MarkdownTable("lib_id", "version", "kind", "docs:", "chunks:", "scraped_at");
        manifest.entries().forEach(e -> table.row(e.libId(), e.version(), e.kind(), e.docs(), e.chunks(), e.scrapedAt()));
        String heading = "### Coverage\n\n";
        String totals = "\n" + manifest.entries().size() + " entries, " + manifest.docs() + " docs, " + manifest.chunks()
            + " chunks in " + manifest.dbName() + " (sha256 `" + manifest.dbSha256() + "`).\n";
        int tableRoom = Math.max(0, maxChars - heading.length() - totals.length());
        return heading + table.render(tableRoom, ManifestFile.nameFor(manifest.dbName())) + totals;
    }
}
