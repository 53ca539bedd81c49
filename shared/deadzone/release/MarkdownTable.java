package deadzone.release;

import java.util.ArrayList;
import java.util.List;

/** A GitHub markdown table that can be cut to a size: whole rows only, then a line saying how many were left out. */
final class MarkdownTable {
    private final String head;
    private final List<String> rows = new ArrayList<>();

    /** {@code columns} as "name" (left) or "name:" (right-aligned, for counts). */
    MarkdownTable(String... columns) {
        StringBuilder names = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        for (String c : columns) {
            boolean right = c.endsWith(":");
            names.append(' ').append(right ? c.substring(0, c.length() - 1) : c).append(" |");
            rule.append(right ? " ---: |" : " --- |");
        }
        head = names + "\n" + rule + "\n";
    }

    MarkdownTable row(Object... cells) {
        StringBuilder line = new StringBuilder("|");
        for (Object c : cells) {
            line.append(' ').append(cell(String.valueOf(c))).append(" |");
        }
        rows.add(line.append('\n').toString());
        return this;
    }

    int size() {
        return rows.size();
    }

    /** The table in at most {@code maxChars} (rows beyond are counted in a last line naming {@code whereTheRestIs}). */
    String render(int maxChars, String whereTheRestIs) {
        StringBuilder out = new StringBuilder(head);
        int reserve = 120; // the "… and N more" line
        int shown = 0;
        for (String row : rows) {
            boolean last = shown == rows.size() - 1;
            if (out.length() + row.length() + (last ? 0 : reserve) > maxChars) {
                break;
            }
            out.append(row);
            shown++;
        }
        if (shown < rows.size()) {
            out.append("\n_… and ").append(rows.size() - shown).append(" more rows: see ").append(whereTheRestIs)
                .append("._\n");
        }
        return out.toString();
    }

    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }
}
