package deadzone.godoc;

import java.util.Set;

/**
 * Go's lexical grammar, once over the text: identifiers, keywords, literals (interpreted and raw
 * strings, runes, numbers), operators, line and block comments, and the semicolons the language
 * inserts at line ends. Only what the declarations need is distinguished; a body is a run of tokens
 * whose brackets balance. Everything is linear in the size of the text (one pass, no backtracking).
 */
final class GoLexer {
    private static final Set<String> KEYWORDS = Set.of("break", "case", "chan", "const", "continue", "default",
        "defer", "else", "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package",
        "range", "return", "select", "struct", "switch", "type", "var");
    private static final Set<String> SEMICOLON_KEYWORDS = Set.of("break", "continue", "fallthrough", "return");
    private static final String[] OPERATORS3 = {"<<=", ">>=", "&^=", "..."};
    private static final String[] OPERATORS2 = {"&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "+=", "-=",
        "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "&^"};
    private static final String OPERATORS1 = "+-*/%&|^<>=!()[]{},.:~";

    private final String src;
    private final GoTokens tokens;
    private int pos;
    private boolean insertSemicolon;

    private GoLexer(String src) {
        this.src = src;
        this.tokens = new GoTokens(src);
    }

    /** The text the reader works on: without a leading byte order mark, with LF line ends. */
    static String normalize(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n");
    }

    static GoTokens lex(String normalized) throws GoSyntaxException {
        GoLexer lexer = new GoLexer(normalized);
        lexer.run();
        return lexer.tokens;
    }

    private void run() throws GoSyntaxException {
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '\n') {
                semicolonHere();
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '/' && pos + 1 < n && src.charAt(pos + 1) == '/') {
                lineComment();
            } else if (c == '/' && pos + 1 < n && src.charAt(pos + 1) == '*') {
                blockComment();
            } else if (c == '"') {
                interpreted('"', "string");
            } else if (c == '\'') {
                interpreted('\'', "rune");
            } else if (c == '`') {
                raw();
            } else if (isDigit(c) || c == '.' && pos + 1 < n && isDigit(src.charAt(pos + 1))) {
                number();
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 128 && isLetter(src.codePointAt(pos))) {
                identifier();
            } else {
                operator();
            }
        }
        semicolonHere();
        tokens.add(GoTokens.EOF, n, n);
    }

    private void semicolonHere() {
        if (insertSemicolon) {
            tokens.add(GoTokens.SEMICOLON, pos, pos);
            insertSemicolon = false;
        }
    }

    private void lineComment() {
        semicolonHere(); // a line comment ends its line, so it ends a statement too
        int end = src.indexOf('\n', pos);
        end = end < 0 ? src.length() : end;
        tokens.add(GoTokens.COMMENT, pos, end);
        pos = end;
    }

    private void blockComment() throws GoSyntaxException {
        int close = src.indexOf("*/", pos + 2);
        if (close < 0) {
            throw new GoSyntaxException(tokens.lineOf(pos), "comment not terminated (a /* without its */)");
        }
        int nl = src.indexOf('\n', pos);
        if (nl >= 0 && nl < close) {
            semicolonHere(); // a block comment that spans lines acts like a newline
        }
        tokens.add(GoTokens.COMMENT, pos, close + 2);
        pos = close + 2;
    }

    private void interpreted(char quote, String what) throws GoSyntaxException {
        int start = pos;
        int i = pos + 1;
        int n = src.length();
        while (true) {
            if (i >= n || src.charAt(i) == '\n') {
                throw new GoSyntaxException(tokens.lineOf(start), what + " literal not terminated");
            }
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                break;
            } else {
                i++;
            }
        }
        literal(start, i + 1);
    }

    private void raw() throws GoSyntaxException {
        int close = src.indexOf('`', pos + 1);
        if (close < 0) {
            throw new GoSyntaxException(tokens.lineOf(pos), "raw string literal not terminated (a ` without its closing `)");
        }
        literal(pos, close + 1);
    }

    /** Digits, letters, underscores and points, plus the sign after an exponent: every Go number form. */
    private void number() {
        int start = pos;
        int n = src.length();
        boolean hex = src.startsWith("0x", pos) || src.startsWith("0X", pos);
        int i = pos;
        while (i < n) {
            char c = src.charAt(i);
            if (isDigit(c) || c == '_' || c == '.' || c < 128 && Character.isLetter(c)) {
                boolean exponent = hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E';
                i++;
                if (exponent && i < n && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
                    i++;
                }
            } else {
                break;
            }
        }
        literal(start, i);
    }

    private void literal(int start, int end) {
        tokens.add(GoTokens.LITERAL, start, end);
        pos = end;
        insertSemicolon = true;
    }

    private void identifier() {
        int start = pos;
        int n = src.length();
        int i = pos;
        while (i < n) {
            char c = src.charAt(i);
            if (c < 128) {
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                    break;
                }
                i++;
                continue;
            }
            int cp = src.codePointAt(i);
            if (!isLetter(cp) && !Character.isDigit(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        char first = src.charAt(start);
        boolean keyword = first >= 'b' && first <= 'v' && i - start >= 2 && i - start <= 11 && KEYWORDS.contains(src.substring(start, i));
        tokens.add(keyword ? GoTokens.KEYWORD : GoTokens.IDENT, start, i);
        insertSemicolon = !keyword || SEMICOLON_KEYWORDS.contains(src.substring(start, i));
        pos = i;
    }

    private void operator() throws GoSyntaxException {
        char c = src.charAt(pos);
        if (c == ';') {
            tokens.add(GoTokens.SEMICOLON, pos, pos + 1);
            pos++;
            insertSemicolon = false;
            return;
        }
        int length = switch (c) {
            case '(', '[', '{', ',', '~' -> 1;
            case ')', ']', '}' -> 1;
            default -> operatorLength();
        };
        if (length == 0) {
            int cp = src.codePointAt(pos);
            throw new GoSyntaxException(tokens.lineOf(pos), "unexpected character " + describe(cp) + " outside a string or comment");
        }
        tokens.add(GoTokens.OPERATOR, pos, pos + length);
        insertSemicolon = length == 1 ? c == ')' || c == ']' || c == '}'
            : length == 2 && (c == '+' || c == '-') && src.charAt(pos + 1) == c;
        pos += length;
    }

    /** The length of the longest operator at pos, 0 if none starts there. */
    private int operatorLength() {
        for (String op : OPERATORS3) {
            if (src.startsWith(op, pos)) {
                return 3;
            }
        }
        for (String op : OPERATORS2) {
            if (src.startsWith(op, pos)) {
                return 2;
            }
        }
        return OPERATORS1.indexOf(src.charAt(pos)) >= 0 ? 1 : 0;
    }

    private static String describe(int cp) {
        String hex = String.format("U+%04X", cp);
        return cp < 0x20 || cp == 0x7F || cp == 0xFEFF ? hex : hex + " '" + new String(Character.toChars(cp)) + "'";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(int cp) {
        return cp == '_' || Character.isLetter(cp);
    }
}
