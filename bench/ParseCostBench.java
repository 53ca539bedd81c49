///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/chunk/Chunk.java ../shared/deadzone/chunk/Chunker.java
//SOURCES ../shared/deadzone/chunk/SectionSplitter.java ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/RunFailure.java ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/AtxHeading.java ../shared/deadzone/parse/BlankLines.java
//SOURCES ../shared/deadzone/parse/CachingIncludeSource.java ../shared/deadzone/parse/CodeLanguages.java
//SOURCES ../shared/deadzone/parse/DocumentNames.java ../shared/deadzone/parse/Fence.java
//SOURCES ../shared/deadzone/parse/FenceTracker.java ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/parse/HtmlParser.java ../shared/deadzone/parse/HtmlToMarkdown.java
//SOURCES ../shared/deadzone/parse/IncludeBase.java ../shared/deadzone/parse/IncludeResolver.java
//SOURCES ../shared/deadzone/parse/IncludeSource.java ../shared/deadzone/parse/MarkdownIncludes.java
//SOURCES ../shared/deadzone/parse/MarkdownParser.java ../shared/deadzone/parse/OutputBudget.java
//SOURCES ../shared/deadzone/parse/ParseLimitExceeded.java ../shared/deadzone/parse/ParsedDocument.java
//SOURCES ../shared/deadzone/parse/Parsers.java ../shared/deadzone/parse/RstBlocks.java
//SOURCES ../shared/deadzone/parse/RstInline.java ../shared/deadzone/parse/RstParser.java
//SOURCES ../shared/deadzone/parse/Section.java ../shared/deadzone/parse/SectionCollector.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/HttpUrls.java

import deadzone.artifact.Kind;
import deadzone.chunk.Chunk;
import deadzone.chunk.Chunker;
import deadzone.embed.Embedder;
import deadzone.embed.EmbedderOptions;
import deadzone.parse.ParsedDocument;
import deadzone.parse.Parsers;
import deadzone.parse.Section;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * What a hostile page costs to parse and chunk: time and peak memory for 1, 3 and 10 MB inputs of
 * each shape a hostile site can serve (an unclosed fence, deep HTML nesting, one long line without
 * spaces, a heading line full of spaces). Each case runs in a JVM of its own (so its peak heap is its
 * own and a runaway case can be stopped at the timeout), with the real tokenizer.
 */
@Command(name = "ParseCostBench", mixinStandardHelpOptions = true)
public class ParseCostBench implements Callable<Integer> {
    private static final List<String> SHAPES = List.of("unclosed-fence", "deep-html", "long-line", "spaces-heading");

    @Option(names = "--sizes", defaultValue = "1,3,10", split = ",", description = "Input sizes in MB (default: 1,3,10).")
    List<Integer> sizes;

    @Option(names = "--shapes", split = ",", description = "Shapes to run (default: all): " + "unclosed-fence, deep-html, long-line, spaces-heading.")
    List<String> shapes;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds a case may run before it is stopped (default: 120).")
    int timeout;

    @Option(names = "--heap", defaultValue = "3g", description = "Each case's -Xmx (default: 3g).")
    String heap;

    @Option(names = "--case", hidden = true)
    String oneCase;

    @Override
    public Integer call() throws Exception {
        if (oneCase != null) {
            String[] parts = oneCase.split(":");
            runCase(parts[0], Integer.parseInt(parts[1]));
            return 0;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        System.out.println("| shape | input | parse | chunk | peak heap | RSS growth | sections | chunks | longest chunk (chars) | outcome |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String shape : shapes == null ? SHAPES : shapes) {
            for (int mb : sizes) {
                Process child = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                    "ParseCostBench", "--case", shape + ":" + mb).redirectErrorStream(true).start();
                child.getOutputStream().close();
                StringBuilder out = new StringBuilder();
                Thread reader = new Thread(() -> {
                    try {
                        out.append(new String(child.getInputStream().readAllBytes()));
                    } catch (java.io.IOException e) {
                        out.append("(output lost: ").append(e.getMessage()).append(')');
                    }
                });
                reader.start();
                if (!child.waitFor(timeout, TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                    reader.join();
                    System.out.printf("| %s | %d MB | > %d s, stopped | | | | | | timed out |%n", shape, mb, timeout);
                    continue;
                }
                reader.join();
                String row = out.toString().lines().filter(l -> l.startsWith("| ")).findFirst()
                    .orElse("| " + shape + " | " + mb + " MB | failed: " + lastLine(out.toString()) + " | | | | | | | |");
                System.out.println(row);
            }
        }
        return 0;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).replace('|', '/');
    }

    private static void runCase(String shape, int mb) throws Exception {
        int bytes = mb * 1_000_000;
        Input input = input(shape, bytes);
        try (Embedder tokenizer = Embedder.load(null, EmbedderOptions.defaults().withWorkers(1))) {
            Chunker chunker = new Chunker(tokenizer);
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long rssBefore = resetRssHighWater();
            String outcome = "parsed";
            List<Section> sections = List.of();
            long t0 = System.nanoTime();
            try {
                ParsedDocument doc = Parsers.parse(input.kind(), input.url(), input.text(), null);
                sections = doc.sections();
            } catch (RuntimeException e) {
                outcome = "skipped: " + e.getMessage();
            }
            long t1 = System.nanoTime();
            List<Chunk> chunks = sections.isEmpty() ? List.of() : chunker.chunk(sections, 0);
            long t2 = System.nanoTime();
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long rssGrowth = Math.max(0, rssHighWaterKb() - rssBefore) / 1000;
            int longest = chunks.stream().mapToInt(c -> c.text().length()).max().orElse(0);
            System.out.printf(Locale.ROOT, "| %s | %d MB | %.2f s | %.2f s | %d MB | %d MB | %d | %d | %,d | %s |%n", shape, mb,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, peak / 1_000_000, rssGrowth, sections.size(), chunks.size(), longest,
                outcome.replace('|', '/'));
        }
    }

    /** Resets the process's resident-set high-water mark (Linux: clear_refs 5) and returns the current RSS. */
    private static long resetRssHighWater() throws Exception {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (java.io.IOException e) {
            // not Linux, or not allowed: the growth then counts from the JVM's own start
        }
        return status("VmRSS:");
    }

    /** VmHWM: the resident-set high-water mark, native memory (the tokenizer's) included. */
    private static long rssHighWaterKb() throws Exception {
        return status("VmHWM:");
    }

    private static long status(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    private record Input(Kind kind, String url, String text) {
    }

    /** {@code bytes} (about) of the shape, as a hostile site would serve it. */
    static Input input(String shape, int bytes) {
        StringBuilder s = new StringBuilder(bytes + 1024);
        switch (shape) {
            case "unclosed-fence" -> {
                // A fence opened at the top and never closed: the whole file is one code block.
                s.append("# Title\n\n```python\n");
                for (int i = 0; s.length() < bytes; i++) {
                    s.append("value_").append(i).append(" = compute(alpha, beta) + other_value  # line ").append(i).append('\n');
                }
                return new Input(Kind.GITHUB_MD, "http://bench.test/docs/fence.md", s.toString());
            }
            case "deep-html" -> {
                // 10,000 nested quotes with a line at each level, again and again.
                s.append("<!doctype html><html><head><title>Deep</title></head><body><main><h1>Deep</h1>\n");
                while (s.length() < bytes) {
                    s.append("<blockquote><p>q</p>\n".repeat(10_000)).append("</blockquote>".repeat(10_000)).append('\n');
                }
                s.append("</main></body></html>\n");
                return new Input(Kind.HTML, "http://bench.test/site/deep.html", s.toString());
            }
            case "long-line" -> {
                // One line without a space: a tokenizer makes one unknown token of it.
                s.append("# Title\n\nIntro.\n\n");
                for (int i = 0; s.length() < bytes; i++) {
                    s.append((char) ('a' + i % 26));
                }
                s.append('\n');
                return new Input(Kind.GITHUB_MD, "http://bench.test/docs/line.md", s.toString());
            }
            case "spaces-heading" -> {
                // A heading line of spaces with a word at the end: what a backtracking heading pattern chokes on.
                s.append("# a").append(" ".repeat(bytes)).append("b\n\nText.\n");
                return new Input(Kind.GITHUB_MD, "http://bench.test/docs/heading.md", s.toString());
            }
            default -> throw new CommandLine.ParameterException(new CommandLine(new ParseCostBench()),
                "unknown shape " + shape + "; shapes: " + String.join(", ", new ArrayList<>(SHAPES)));
        }
    }

    public static void main(String... args) {
        System.exit(new CommandLine(new ParseCostBench()).execute(args));
    }
}
