//SOURCES ../shared/deadzone/artifact/ArtifactLayout.java ../shared/deadzone/artifact/EmbedderIdentity.java
//SOURCES ../shared/deadzone/artifact/Kind.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java
//SOURCES ../shared/deadzone/chunk/Chunk.java ../shared/deadzone/chunk/Chunker.java
//SOURCES ../shared/deadzone/chunk/SectionSplitter.java ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/RunFailure.java ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/fetch/CappedBody.java ../shared/deadzone/fetch/DocumentText.java
//SOURCES ../shared/deadzone/fetch/FetchResult.java ../shared/deadzone/fetch/FetchSettings.java
//SOURCES ../shared/deadzone/fetch/Fetcher.java ../shared/deadzone/fetch/FetchingIncludeSource.java
//SOURCES ../shared/deadzone/fetch/GitHubAuth.java ../shared/deadzone/fetch/Validators.java
//SOURCES ../shared/deadzone/godoc/GoPackageUrl.java ../shared/deadzone/godoc/ModulePath.java
//SOURCES ../shared/deadzone/godoc/ModuleSourceException.java
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
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/LibrarySpec.java
//SOURCES ../shared/deadzone/registry/Registry.java ../shared/deadzone/registry/RegistryException.java
//SOURCES ../shared/deadzone/registry/RegistryLoader.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/registry/Slugs.java ../shared/deadzone/registry/VersionSpec.java
//SOURCES ../shared/deadzone/util/Backoff.java ../shared/deadzone/util/Failures.java ../shared/deadzone/util/Hashes.java
//SOURCES ../shared/deadzone/util/HttpUrls.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/RetryAfter.java ../shared/deadzone/util/RetryLoop.java
//SOURCES ../shared/deadzone/util/Sleeper.java ../shared/deadzone/util/Utf8.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/Project.java

import com.fasterxml.jackson.databind.JsonNode;
import deadzone.artifact.ModelPin;
import deadzone.chunk.Chunk;
import deadzone.chunk.Chunker;
import deadzone.embed.Embedder;
import deadzone.embed.EmbedderOptions;
import deadzone.fetch.DocumentText;
import deadzone.fetch.FetchResult;
import deadzone.fetch.FetchSettings;
import deadzone.fetch.Fetcher;
import deadzone.fetch.FetchingIncludeSource;
import deadzone.parse.IncludeBase;
import deadzone.parse.IncludeSource;
import deadzone.parse.ParsedDocument;
import deadzone.parse.Parsers;
import deadzone.parse.Section;
import deadzone.registry.Registry;
import deadzone.registry.ResolvedEntry;
import deadzone.util.Json;
import fakes.DocServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.Project;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's own corpus (tests/fixtures, described in its README.md) served on 127.0.0.1 and
 * read through the real fetch, parse and chunk code: every fact the README states is checked
 * here, so the corpus and its description cannot drift apart.
 */
class OwnCorpusTest {
    static final String ORIGIN = "http://docs.fixtures.test";
    static final String MISSING_PAGE = "/docs/en/docs/deployment.md";
    static final String TW = "/raw/tidewater/tidewater/";
    static final String GO_LISTING = "/api/repos/pacer-dev/pacer/contents/cadence";
    static final Set<String> INTENTS = Set.of("api", "conceptual", "howto", "troubleshooting", "version");

    /** Sections that are merged into the chunk before them (tiny, or tiny and last): README "Chunking". */
    static final Set<String> MERGED = Set.of(
        "Tidewater > Project status", "Tidewater > License", "Results > Large outputs",
        "Troubleshooting > Jobs stay queued", "Release notes > 1.9.0", "Changelog > Version 1.1.0",
        "Marrow > Installation");
    /** Sections cut into several chunks, with the least number of pieces: README "Chunking". */
    static final Map<String, Integer> SPLIT = Map.of(
        "Configuration > Settings reference", 2, "Scheduling > A complete example", 3);
    /** How 2.1 differs from 2.0, by heading path: README "Two versions". */
    static final Set<String> CHANGED = Set.of("Tidewater > Installation", "Retries and failures > Limiting attempts",
        "Retries and failures > Backoff", "Retries and failures > Asking for another try",
        "Configuration > Settings reference");
    static final Set<String> ONLY_IN_20 = Set.of("Scheduling > Cron strings");
    static final Set<String> ONLY_IN_21 = Set.of("Scheduling > Calendar rules", "Release notes > 2.1.0");

    @TempDir
    static Path work;

    static Path corpus;
    static DocServer docs;
    static DocServer godoc;
    static List<ResolvedEntry> entries;
    /** Every page that answered, by its path on the server, parsed with its includes. */
    static final Map<String, ParsedDocument> pages = new LinkedHashMap<>();
    static final Map<String, List<Chunk>> chunks = new LinkedHashMap<>();
    static final List<String> missing = new ArrayList<>();
    static Embedder tokenizer;
    static List<JsonNode> queries;

    @BeforeAll
    static void serveFetchParseAndChunk() throws IOException {
        corpus = Project.root().resolve("tests/fixtures");
        docs = DocServer.builder().mount("/raw/", corpus.resolve("raw")).mount("/site/", corpus.resolve("site")).start();
        godoc = DocServer.serve(corpus.resolve("godoc"));
        Path registry = work.resolve("libraries_sources.yaml");
        Files.writeString(registry, Files.readString(corpus.resolve("libraries_sources.yaml"), StandardCharsets.UTF_8)
            .replace(ORIGIN, docs.baseUrl()), StandardCharsets.UTF_8);
        entries = Registry.resolve(registry, ModelPin.DEFAULT);

        Fetcher fetcher = new Fetcher(FetchSettings.defaults().withMaxAttempts(1), delay -> { });
        IncludeSource includes = IncludeSource.cached(new FetchingIncludeSource(fetcher));
        tokenizer = Embedder.load(null, EmbedderOptions.defaults().withWorkers(1));
        Chunker chunker = new Chunker(tokenizer);
        for (ResolvedEntry entry : entries) {
            for (String url : entry.urls()) {
                FetchResult fetched = fetcher.fetch(url);
                String path = path(url);
                if (fetched.outcome() == FetchResult.Outcome.MISSING) {
                    missing.add(path);
                    continue;
                }
                DocumentText text = DocumentText.decode(fetched, entry.kind());
                assertTrue(text.isText(), url + ": " + text.reason());
                ParsedDocument doc = Parsers.parse(entry.kind(), url, text.text(), includes, IncludeBase.of(url, entry.ref()));
                pages.put(path, doc);
                chunks.put(path, chunker.chunk(doc.sections(), pages.size() - 1));
            }
        }
        queries = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                queries.add(Json.MAPPER.readTree(line));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (docs != null) {
            docs.close();
        }
        if (godoc != null) {
            godoc.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    static String path(String url) {
        return url.substring(docs.baseUrl().length());
    }

    static List<Section> sections(String path) {
        ParsedDocument doc = pages.get(path);
        assertNotNull(doc, "no page " + path);
        return doc.sections();
    }

    static Section section(String path, String headingPath) {
        return sections(path).stream().filter(s -> s.headingPathText().equals(headingPath)).findFirst()
            .orElseThrow(() -> new AssertionError("no section " + headingPath + " in " + path));
    }

    static List<Chunk> chunksOf(String path, String headingPath) {
        return chunks.get(path).stream().filter(c -> c.headingPathText().equals(headingPath)).toList();
    }

    // ---- serving and parsing

    @Test
    void everyRegistryUrlAnswersExceptTheDocumentedMissingPage() {
        assertEquals(List.of("tidewater_tidewater_2.0", "tidewater_tidewater_2.1", "strata-dev_strata",
            "kestrel-http_kestrel", "marrow-py_marrow"), entries.stream().map(ResolvedEntry::slug).toList());
        assertEquals(List.of(TW + "v2.0.0" + MISSING_PAGE, TW + "v2.1.0" + MISSING_PAGE), missing);
        int urls = entries.stream().mapToInt(e -> e.urls().size()).sum();
        assertEquals(urls - 2, pages.size());
        assertEquals(33, pages.size(), "pages that answer, README inventory");
    }

    @Test
    void everyPageParsesToTheExpectedSectionsWithoutProblems() throws IOException {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(corpus.resolve("expected_sections.tsv"), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] cells = line.split("\t", -1);
                expected.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells[1]);
            }
        }
        Map<String, List<String>> actual = new LinkedHashMap<>();
        pages.forEach((path, doc) -> actual.put(path, doc.sections().stream().map(Section::headingPathText).toList()));
        assertEquals(expected, actual);
        pages.forEach((path, doc) -> assertEquals(List.of(), doc.problems(), path));
        for (String path : pages.keySet()) {
            for (Section s : sections(path)) {
                assertFalse(s.title().contains("{") || s.title().contains("#") || s.title().contains("¶"), path + ": " + s.title());
                assertFalse(s.text().isBlank(), path + ": empty section " + s.title());
            }
        }
    }

    @Test
    void includesAndSnippetsAreResolvedFromThePagesOwnRef() throws IOException {
        for (String path : pages.keySet()) {
            for (Section s : sections(path)) {
                for (String left : List.of("{*", "--8<--", "include not found", "include not read", ".. include::", ".. literalinclude::")) {
                    assertFalse(s.text().contains(left), path + " > " + s.title() + " still holds " + left);
                }
            }
        }
        String firstJob = TW + "v2.0.0/docs/en/docs/tutorial/first-job.md";
        String job = Files.readString(corpus.resolve("raw/tidewater/tidewater/v2.0.0/docs_src/first_job/tutorial001.py")).strip();
        assertTrue(section(firstJob, "Your first job > Define a job").text().contains("```python\n" + job + "\n```"));
        String enqueue = section(firstJob, "Your first job > Enqueue work").text();
        assertTrue(enqueue.contains("```python title=\"producer.py\"\nfrom flask import Flask, request\n"), enqueue);
        assertTrue(enqueue.contains("\n...\n@web.post(\"/signup\")") && !enqueue.contains("def create_user"), "ln[] keeps lines 1-3 and 12-17");
        String worker = section(firstJob, "Your first job > Run a worker").text();
        assertTrue(worker.contains("| `--max-jobs` | unlimited |"), "the markdown snippet is inserted as markdown");
        assertTrue(worker.contains("```bash\nexport TIDEWATER_BROKER_URL="), "the snippet's own snippet is resolved");
        String file = section(TW + "v2.0.0/docs/en/docs/advanced/configuration.md", "Configuration > The settings file").text();
        assertTrue(file.contains("```toml\n[tidewater]\n") && file.contains("log_format = \"json\"\n```"), file);
        assertFalse(file.contains("[tidewater.dev]"), "a line range inside a fence keeps lines 1-7 only");
        for (String ref : List.of("v2.0.0", "v2.1.0")) {
            String option = ref.equals("v2.0.0") ? "max_retries=4" : "retry_limit=4";
            assertTrue(section(TW + ref + "/docs/en/docs/tutorial/retries.md", "Retries and failures > Limiting attempts").text()
                .contains("@tw.job(" + option), ref + " includes its own docs_src");
        }
        String sources = "/raw/strata-dev/strata/1.3.0/docs/sources.rst";
        assertTrue(section(sources, "Sources > Layer precedence").text().contains("```\nSources, highest first\n======"),
            "the included rst file's title is a section; the title-like lines in its literal block are code");
        assertTrue(section(sources, "Sources > Files").text().contains("```toml\n[server]\nworkers = 4\n"), "literalinclude");
    }

    @Test
    void headingsInsideCodeAndBoilerplateNeverBecomeSectionsOrText() {
        Set<String> titles = pages.values().stream().flatMap(d -> d.sections().stream()).map(Section::title).collect(Collectors.toSet());
        for (String fromCode : List.of("What happened", "What I expected", "Settings")) {
            assertFalse(titles.contains(fromCode), fromCode + " is code, not a heading");
        }
        for (String fromCode : List.of("Sessions #", "Search index #", "Sources, highest first", "the page renders")) {
            assertFalse(titles.stream().anyMatch(t -> t.startsWith(fromCode)), fromCode + " is code, not a heading");
        }
        String bug = section(TW + "v2.0.0/docs/en/docs/troubleshooting.md", "Troubleshooting > Reporting a bug").text();
        assertTrue(bug.contains("```markdown\n## What happened\n"), bug);
        String all = pages.entrySet().stream().filter(e -> e.getKey().startsWith("/site/"))
            .flatMap(e -> e.getValue().sections().stream()).map(s -> s.title() + "\n" + s.text()).collect(Collectors.joining("\n"));
        for (String boilerplate : List.of("Last updated", "hljs", "Search the docs", "Imprint", "Quick search", "Powered by",
            "Navigation", "revnumber", "version 3.2.0,", "analytics", "Contents\n", "¶", "querySelectorAll")) {
            assertFalse(all.contains(boilerplate), "boilerplate left: " + boilerplate);
        }
        assertEquals(List.of("Kestrel User Manual"), section("/site/kestrel.example/docs/manual.html", "Kestrel User Manual").headingPath(),
            "the Asciidoctor page title (outside #content) heads every path");
    }

    // ---- chunking

    @Test
    void longSectionsSplitTinyOnesMergeAndEveryChunkFits() {
        int total = 0;
        for (Map.Entry<String, List<Chunk>> page : chunks.entrySet()) {
            Set<String> starts = page.getValue().stream().map(Chunk::headingPathText).collect(Collectors.toSet());
            for (Chunk c : page.getValue()) {
                assertTrue(c.tokens() <= tokenizer.maxTokens(), page.getKey() + ": " + c.tokens() + " tokens");
                assertEquals(0, c.text().lines().filter(l -> l.strip().startsWith("```")).count() % 2,
                    page.getKey() + " > " + c.headingPathText() + ": unbalanced fences\n" + c.text());
            }
            for (Section s : sections(page.getKey())) {
                String heading = s.headingPathText();
                if (MERGED.contains(heading)) {
                    assertFalse(starts.contains(heading), heading + " should be merged");
                    String line = "#".repeat(s.headingPath().size()) + " " + s.title();
                    assertTrue(page.getValue().stream().anyMatch(c -> c.text().contains("\n" + line + "\n") || c.text().endsWith("\n" + line)),
                        page.getKey() + ": merged chunk lacks the heading line " + line);
                } else {
                    assertTrue(starts.contains(heading), page.getKey() + ": " + heading + " starts no chunk");
                }
            }
            total += page.getValue().size();
        }
        assertEquals(165, total, "chunks of the whole registry, README inventory");
        for (String ref : List.of("v2.0.0", "v2.1.0")) {
            for (Map.Entry<String, Integer> split : SPLIT.entrySet()) {
                String page = TW + ref + "/docs/en/docs/advanced/"
                    + (split.getKey().startsWith("Configuration") ? "configuration.md" : "scheduling.md");
                List<Chunk> pieces = chunksOf(page, split.getKey());
                assertTrue(pieces.size() >= split.getValue(), split.getKey() + ": " + pieces.size() + " pieces");
                if (split.getKey().startsWith("Scheduling")) {
                    pieces.subList(1, pieces.size()).forEach(p -> assertTrue(p.text().startsWith("```python\n"),
                        "every later piece of the code block is fenced again:\n" + p.text()));
                } else {
                    pieces.forEach(p -> assertTrue(p.text().lines().allMatch(l -> l.startsWith("|")), "a table splits between rows"));
                }
            }
        }
    }

    @Test
    void theTwoTidewaterRefsShareMostSectionsAndChunks() {
        Map<String, String> old = new LinkedHashMap<>();
        Map<String, String> now = new LinkedHashMap<>();
        Set<String> oldInputs = new HashSet<>();
        int newChunks = 0;
        int reusable = 0;
        for (String path : pages.keySet()) {
            if (path.startsWith(TW + "v2.0.0/")) {
                sections(path).forEach(s -> old.put(s.headingPathText(), s.text()));
                chunks.get(path).forEach(c -> oldInputs.add(c.embeddingInput()));
            }
        }
        for (String path : pages.keySet()) {
            if (path.startsWith(TW + "v2.1.0/")) {
                sections(path).forEach(s -> now.put(s.headingPathText(), s.text()));
                for (Chunk c : chunks.get(path)) {
                    newChunks++;
                    reusable += oldInputs.contains(c.embeddingInput()) ? 1 : 0;
                }
            }
        }
        Set<String> changed = new TreeSet<>();
        old.forEach((h, text) -> {
            if (now.containsKey(h) && !now.get(h).equals(text)) {
                changed.add(h);
            }
        });
        assertEquals(new TreeSet<>(CHANGED), changed);
        assertEquals(ONLY_IN_20, difference(old.keySet(), now.keySet()));
        assertEquals(ONLY_IN_21, difference(now.keySet(), old.keySet()));
        int shared = old.size() - changed.size() - ONLY_IN_20.size();
        assertTrue(shared >= 0.8 * now.size(), shared + " of " + now.size() + " sections shared");
        assertTrue(reusable >= 0.75 * newChunks, reusable + " of " + newChunks + " chunks of 2.1 are embedded for 2.0 already");
        assertTrue(reusable < newChunks, "some chunks of 2.1 are new");
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    // ---- the graded questions

    @Test
    void everyQuestionIsWellFormedAndPointsAtARealSection() throws IOException {
        assertTrue(queries.size() >= 30, queries.size() + " questions");
        Map<String, ResolvedEntry> byLibVersion = new LinkedHashMap<>();
        entries.forEach(e -> byLibVersion.put(e.libId() + "@" + e.version(), e));
        Set<String> libs = entries.stream().map(ResolvedEntry::libId).collect(Collectors.toSet());
        String goLib = goRegistryLibId();
        Set<String> ids = new HashSet<>();
        Set<String> intents = new HashSet<>();
        for (JsonNode q : queries) {
            String id = q.path("id").asText();
            assertTrue(ids.add(id), "duplicate id " + id);
            assertFalse(q.path("query").asText().isBlank(), id);
            String intent = q.path("intent").asText();
            assertTrue(INTENTS.contains(intent), id + ": intent " + intent);
            intents.add(intent);
            String lib = q.path("lib_id").asText();
            assertTrue(libs.contains(lib) || lib.equals(goLib), id + ": unknown lib " + lib);
            String version = q.path("version").asText("");
            ResolvedEntry scope = null;
            if (!version.isEmpty()) {
                scope = byLibVersion.get(lib + "@" + version);
                assertNotNull(scope, id + ": " + lib + " has no version " + version);
            }
            JsonNode relevant = q.path("relevant");
            assertTrue(relevant.isArray() && relevant.size() > 0, id);
            boolean best = false;
            for (JsonNode r : relevant) {
                int grade = r.path("grade").asInt();
                assertTrue(grade >= 1 && grade <= 3, id + ": grade " + grade);
                best |= grade == 3;
                String suffix = r.path("url_suffix").asText();
                String heading = r.path("heading").asText();
                if (lib.equals(goLib)) {
                    assertEquals(GO_LISTING, suffix, id);
                    continue;
                }
                section(suffix, heading);
                if (scope != null) {
                    assertTrue(suffix.contains("/" + scope.ref() + "/"), id + ": " + suffix + " is not at " + scope.ref());
                }
            }
            assertTrue(best, id + " has no grade-3 answer");
        }
        assertEquals(INTENTS, intents);
        // some questions are asked of both versions and have a different answer in each
        Map<String, Set<String>> answersByText = new LinkedHashMap<>();
        for (JsonNode q : queries) {
            if (q.has("version")) {
                answersByText.computeIfAbsent(q.path("query").asText(), k -> new HashSet<>()).add(bestHeadings(q).toString());
            }
        }
        assertTrue(answersByText.values().stream().filter(a -> a.size() > 1).count() >= 1,
            "a question whose answer differs between 2.0 and 2.1: " + answersByText);
    }

    @Test
    void zeroOverlapQuestionsShareNoWordWithTheirTargetButOneWithADistractor() {
        List<JsonNode> zero = queries.stream().filter(q -> q.path("id").asText().startsWith("zero-")).toList();
        assertTrue(zero.size() >= 2, "zero-overlap questions: " + zero.size());
        for (JsonNode q : zero) {
            Set<String> words = words(q.path("query").asText());
            for (JsonNode r : q.path("relevant")) {
                if (r.path("grade").asInt() < 3) {
                    continue;
                }
                String page = r.path("url_suffix").asText();
                List<Chunk> targets = chunksOf(page, r.path("heading").asText());
                assertFalse(targets.isEmpty(), q.path("id").asText() + ": its target starts no chunk");
                for (Chunk c : targets) {
                    Set<String> shared = new TreeSet<>(words);
                    shared.retainAll(words(c.title() + "\n" + c.headingPathText() + "\n" + c.text()));
                    assertEquals(Set.of(), shared, q.path("id").asText() + ": the target shares words");
                }
                boolean distractor = chunks.get(page).stream().filter(c -> !targets.contains(c))
                    .anyMatch(c -> words(c.headingPathText() + "\n" + c.text()).stream().anyMatch(words::contains));
                assertTrue(distractor, q.path("id").asText() + ": no section of " + page + " shares a word with the question");
            }
        }
    }

    @Test
    void identifierQuestionsNameTextOfEveryBestAnswer() throws IOException {
        List<JsonNode> identifiers = queries.stream().filter(q -> q.path("id").asText().startsWith("ident-")).toList();
        assertTrue(identifiers.size() >= 5, "identifier questions: " + identifiers.size());
        String goSource = String.join("\n", goFiles().values());
        for (JsonNode q : identifiers) {
            String identifier = q.path("query").asText();
            assertTrue(identifier.matches("[A-Za-z_][A-Za-z0-9_]*"), "an identifier: " + identifier);
            for (JsonNode r : q.path("relevant")) {
                if (r.path("url_suffix").asText().equals(GO_LISTING)) {
                    assertTrue(goSource.contains(identifier), identifier + " is not in the Go package");
                } else if (r.path("grade").asInt() == 3) {
                    assertTrue(section(r.path("url_suffix").asText(), r.path("heading").asText()).text().contains(identifier),
                        identifier + " not in " + r.path("heading").asText());
                }
            }
        }
    }

    private static List<String> bestHeadings(JsonNode q) {
        List<String> best = new ArrayList<>();
        q.path("relevant").forEach(r -> {
            if (r.path("grade").asInt() == 3) {
                best.add(r.path("heading").asText());
            }
        });
        return best;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher m = Pattern.compile("\\w+").matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    // ---- the Go package, served like GitHub's Contents API

    @Test
    void theGoListingMatchesTheServedFiles() throws Exception {
        JsonNode listing = Json.MAPPER.readTree(get(godoc.url(GO_LISTING)).body());
        assertTrue(listing.isArray() && listing.size() > 0);
        String ref = "v0.4.0";
        Set<String> served = new TreeSet<>();
        Set<String> notServed = new TreeSet<>();
        for (JsonNode e : listing) {
            String name = e.path("name").asText();
            String path = "cadence/" + name;
            String type = e.path("type").asText();
            String sha = e.path("sha").asText();
            String kind = type.equals("dir") ? "tree" : "blob";
            assertEquals(path, e.path("path").asText());
            assertTrue(sha.matches("[0-9a-f]{40}"), name);
            assertEquals(ORIGIN + "/api/repos/pacer-dev/pacer/contents/" + path + "?ref=" + ref, e.path("url").asText());
            assertEquals("https://github.com/pacer-dev/pacer/" + (type.equals("dir") ? "tree" : "blob") + "/" + ref + "/" + path,
                e.path("html_url").asText());
            assertEquals("https://api.github.com/repos/pacer-dev/pacer/git/" + kind + "s/" + sha, e.path("git_url").asText());
            assertEquals(e.path("url").asText(), e.path("_links").path("self").asText());
            assertEquals(e.path("git_url").asText(), e.path("_links").path("git").asText());
            assertEquals(e.path("html_url").asText(), e.path("_links").path("html").asText());
            if (type.equals("dir")) {
                assertTrue(e.path("download_url").isNull(), name);
                continue;
            }
            assertEquals("file", type, name);
            String download = e.path("download_url").asText();
            assertEquals(ORIGIN + "/raw/pacer-dev/pacer/" + ref + "/" + path, download);
            HttpResponse<byte[]> file = getBytes(godoc.baseUrl() + download.substring(ORIGIN.length()));
            if (file.statusCode() == 404) {
                notServed.add(name);
                continue;
            }
            assertEquals(200, file.statusCode(), name);
            assertEquals(e.path("size").asLong(), file.body().length, name + " size");
            assertEquals(sha, gitBlobSha(file.body()), name + ": the listing's sha is the git blob sha of the served file");
            served.add(name);
        }
        assertEquals(Set.of("backoff.go", "doc.go", "gen_presets.go", "limiter.go", "stats.go", "window.go"), served,
            "every non-test .go file is served");
        assertEquals(Set.of("cadence_test.go", "example_test.go"), notServed, "test files are listed but answer 404");
        Map<String, String> files = goFiles();
        assertTrue(files.get("gen_presets.go").contains("//go:build ignore") && files.get("gen_presets.go").contains("\npackage main\n"));
        files.forEach((name, text) -> assertTrue(name.equals("gen_presets.go") || text.contains("\npackage cadence\n"), name));
        assertTrue(files.get("doc.go").contains("// # Choosing a limiter") && files.get("doc.go").contains("//\tlim := cadence.NewLimiter"),
            "the package doc has a heading and a code block");
        assertTrue(files.get("backoff.go").contains("Constant    Strategy = iota"), "a typed const group of one of the package's types");
        assertTrue(files.get("limiter.go").contains("type Limiter struct {\n\tstats\n"), "an embedded unexported type");
        assertTrue(files.get("window.go").contains("type Window[T any] struct"), "generics");
    }

    @Test
    void goQuestionsNameIdentifiersOfThePackage() throws Exception {
        String goLib = goRegistryLibId();
        String source = goFiles().entrySet().stream().filter(f -> !f.getKey().equals("gen_presets.go"))
            .map(Map.Entry::getValue).collect(Collectors.joining("\n"));
        int asked = 0;
        for (JsonNode q : queries) {
            if (!q.path("lib_id").asText().equals(goLib)) {
                continue;
            }
            asked++;
            for (JsonNode r : q.path("relevant")) {
                Matcher title = Pattern.compile("cadence\\.([A-Z]\\w*)( \\.\\.\\.)?").matcher(r.path("heading").asText());
                assertTrue(title.matches(), "a <pkg>.<Name> title: " + r.path("heading").asText());
                String name = title.group(1);
                boolean declared = Pattern.compile("(?m)^(func (\\([^)]*\\) )?|type |const |var |\\t)" + name + "\\b").matcher(source).find();
                assertTrue(declared, name + " is not declared at the top level of the package");
                if (title.group(2) != null) {
                    assertTrue(Pattern.compile("(?m)^(const|var) \\(\\n(\\t//.*\\n)*\\t" + name + "\\b").matcher(source).find(),
                        name + " is not the first name of a const or var group");
                }
            }
        }
        assertTrue(asked >= 5, "Go questions: " + asked);
    }

    private static String goRegistryLibId() throws IOException {
        String yaml = Files.readString(corpus.resolve("godoc/libraries_sources.godoc.yaml"), StandardCharsets.UTF_8);
        assertTrue(yaml.contains("kind: godoc"), yaml);
        assertTrue(yaml.contains(ORIGIN + GO_LISTING + "?ref={ref}"), "the godoc registry lists the served listing");
        Matcher lib = Pattern.compile("lib_id: (\\S+)").matcher(yaml);
        assertTrue(lib.find());
        return lib.group(1);
    }

    /** The served (non-test) Go files by name, read over HTTP. */
    private static Map<String, String> goFiles() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (JsonNode e : Json.MAPPER.readTree(get(godoc.url(GO_LISTING)).body())) {
            String name = e.path("name").asText();
            if (name.endsWith(".go") && !name.endsWith("_test.go")) {
                HttpResponse<String> file = get(godoc.baseUrl() + e.path("download_url").asText().substring(ORIGIN.length()));
                assertEquals(200, file.statusCode(), name);
                files.put(name, file.body());
            }
        }
        return files;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String url) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static HttpResponse<byte[]> getBytes(String url) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** What git names a file: sha1 of "blob <size>\0" and the bytes. */
    private static String gitBlobSha(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
