//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/chunk/TokenCounter.java
//SOURCES ../shared/deadzone/embed/BatchPlan.java ../shared/deadzone/embed/Embedder.java
//SOURCES ../shared/deadzone/embed/EmbedderOptions.java ../shared/deadzone/embed/ModelFiles.java
//SOURCES ../shared/deadzone/embed/OnnxEncoder.java ../shared/deadzone/embed/OrtProfile.java
//SOURCES ../shared/deadzone/embed/TokenBatch.java
//SOURCES ../shared/deadzone/error/RunFailure.java ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java
//SOURCES ../tools/fakes/DocServer.java ../tools/fakes/Fixtures.java
//SOURCES support/MarkdownSections.java support/Project.java

import deadzone.artifact.ModelPin;
import deadzone.embed.BatchPlan;
import deadzone.embed.Embedder;
import deadzone.embed.EmbedderOptions;
import deadzone.embed.ModelFiles;
import deadzone.embed.OrtProfile;
import deadzone.embed.TokenBatch;
import deadzone.error.UserException;
import deadzone.util.Hashes;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.MarkdownSections;
import support.Project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbedderTest {
    private static Embedder embedder;

    @BeforeAll
    static void load() {
        embedder = Embedder.load(null);
    }

    @AfterAll
    static void close() {
        if (embedder != null) {
            embedder.close();
        }
    }

    @Test
    void profilesEveryRunByOperatorType(@TempDir Path dir) throws IOException {
        List<String> texts = List.of("Path parameters are declared in the route.", "A second, different text to embed.",
            "func NewServer(impl *Implementation) *Server");
        try (Embedder profiled = Embedder.load(null, EmbedderOptions.defaults().withWorkers(1).withProfiling(dir))) {
            profiled.embedDocuments(texts);
            Path file = profiled.endProfiling();
            assertTrue(file.startsWith(dir), "the profile is written under the requested folder: " + file);
            OrtProfile profile = OrtProfile.read(file);
            assertEquals(texts.size(), profile.runs(), "one session run per text for this model");
            assertTrue(profile.totalMicros() > 0);
            double int8 = profile.share(OrtProfile.INT8_MATMULS);
            double fp = profile.share(OrtProfile.FLOAT_MATMULS);
            assertTrue(int8 > 0.1 && int8 < 1, "the int8 model spends real time in int8 matrix multiplications: " + int8);
            assertTrue(fp > 0 && int8 + fp < 1, "and some in float attention products and other operators: " + fp);
            assertEquals(profile.ops().get(0).micros(), profile.ops().stream().mapToLong(OrtProfile.OpTime::micros).max().orElseThrow(),
                "heaviest operator first");
        }
    }

    @Test
    void refusesAProfileThatIsNotAnOrtTrace(@TempDir Path dir) throws IOException {
        Path notATrace = Files.writeString(dir.resolve("p.json"), "{\"cat\": \"Node\"}");
        IOException e = assertThrows(IOException.class, () -> OrtProfile.read(notATrace));
        assertTrue(e.getMessage().contains("not an ONNX Runtime profile"), e.getMessage());
    }

    @Test
    void matchesLangChain4jOnRealFixtureSections() throws IOException {
        Path raw = Project.fixtures().resolve("raw");
        List<String> texts = new ArrayList<>();
        for (Path doc : List.of(raw.resolve("fastapi/fastapi/0.135.3/docs/en/docs/tutorial/body.md"),
                raw.resolve("modelcontextprotocol/go-sdk/v1.5.0/docs/server.md"))) {
            texts.addAll(sectionsOfEverySize(List.of(doc)));
        }
        assertMatchesLangChain4j(texts);
    }

    /** The same on the project's own corpus: sections of the Tidewater 2.1 pages, and whole Strata pages (300-510 tokens). */
    @Test
    void matchesLangChain4jOnOwnCorpusSections() throws IOException {
        List<Path> docs;
        try (Stream<Path> files = Stream.concat(Files.walk(Project.ownCorpus().resolve("raw/tidewater/tidewater/v2.1.0/docs")),
                Files.walk(Project.ownCorpus().resolve("raw/strata-dev/strata/1.3.0/docs")))) {
            docs = files.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".rst")).sorted().toList();
        }
        assertMatchesLangChain4j(sectionsOfEverySize(docs));
    }

    private void assertMatchesLangChain4j(List<String> texts) {
        float[][] ours = embedder.embedDocuments(texts);
        BgeSmallEnV15QuantizedEmbeddingModel peer = new BgeSmallEnV15QuantizedEmbeddingModel();
        for (int i = 0; i < texts.size(); i++) {
            float[] theirs = peer.embed(texts.get(i)).content().vector();
            double cos = cosine(ours[i], theirs);
            assertTrue(cos >= 0.999, "section " + i + " (" + embedder.countTokens(texts.get(i)) + " tokens): cosine " + cos);
        }
    }

    @Test
    void queryPrefixIsForQueriesOnly() {
        String q = "how do I declare a request body";
        float[] query = embedder.embedQuery(q);
        float[][] docs = embedder.embedDocuments(List.of(q, ModelPin.DEFAULT.queryPrefix() + q));
        assertTrue(cosine(query, docs[1]) > 0.99999, "a query is embedded as prefix + query");
        assertTrue(cosine(query, docs[0]) < 0.99, "a document gets no prefix: " + cosine(query, docs[0]));
        assertEquals(9, embedder.countTokens(q), "countTokens measures document text: no query prefix");
    }

    @Test
    void vectorsAreUnitLengthInInputOrder() {
        List<String> texts = List.of("short", "a somewhat longer sentence about path parameters and their types",
            "```go\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n```", "x ".repeat(300));
        float[][] forward = embedder.embedDocuments(texts);
        float[][] backward = embedder.embedDocuments(List.of(texts.get(3), texts.get(2), texts.get(1), texts.get(0)));
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(384, forward[i].length);
            double norm = Math.sqrt(dot(forward[i], forward[i]));
            assertEquals(1.0, norm, 1e-4, "text " + i);
            assertArrayEquals(forward[i], backward[texts.size() - 1 - i], 1e-6f, "text " + i + " moved with its input");
        }
        assertTrue(cosine(forward[0], forward[1]) < 0.95, "different texts, different vectors");
    }

    @Test
    void sharedInstanceIsSafeAcrossThreads() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            texts.add("Section " + i + ": " + "dependency injection with yield and cleanup ".repeat(1 + i % 7));
        }
        float[][] alone = embedder.embedDocuments(texts);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[][]>> runs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                runs.add(pool.submit((Callable<float[][]>) () -> embedder.embedDocuments(texts)));
            }
            for (Future<float[][]> run : runs) {
                float[][] v = run.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(alone[i], v[i], 1e-6f, "text " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countsTokensWithSpecialTokensAndWithoutTruncation() {
        assertEquals(512, embedder.maxTokens());
        assertEquals(2, embedder.countTokens(""), "[CLS] and [SEP]");
        assertEquals(4, embedder.countTokens("hello world"));
        assertEquals(2 + 2000, embedder.countTokens("word ".repeat(2000)));
        float[] cut = embedder.embedDocuments(List.of("word ".repeat(2000)))[0]; // last resort: truncated, with a warning
        assertEquals(1.0, Math.sqrt(dot(cut, cut)), 1e-4);
    }

    @Test
    void batchesGroupSimilarLengthsWithinTheTokenBudget() {
        long[][] ids = {new long[10], new long[300], new long[12], new long[290], new long[11], new long[500]};
        List<TokenBatch> batches = BatchPlan.plan(ids, 100, 640, 32);
        assertEquals(3, batches.size(), "500 | 300 + 290 | 12 + 11 + 10");
        assertArrayEquals(new int[] {105}, batches.get(0).positions(), "longest first, positions offset by 100");
        assertArrayEquals(new int[] {101, 103}, batches.get(1).positions());
        assertArrayEquals(new int[] {102, 104, 100}, batches.get(2).positions());
        assertEquals(300, batches.get(1).length());
        assertEquals(12, batches.get(2).length());
        assertEquals(4, BatchPlan.plan(ids, 0, 100000, 2).size(), "500 | 300 + 290 | 12 + 11 | 10: at most 2 a batch");
        assertEquals(4, BatchPlan.plan(ids, 0, 100, 32).size(), "500 | 300 | 290 alone (over the budget) | 12 + 11 + 10");
    }

    @Test
    void theQuantizedDefaultRunsOneTextPerBatch() {
        // One quantization scale per tensor: batch neighbours would change a text's vector.
        assertTrue(ModelFiles.pinnedDefault().quantizesPerBatch());
        assertEquals(1, embedder.maxBatch());
    }

    @Test
    void defaultIdentityIsThePin() throws IOException {
        assertEquals(ModelPin.DEFAULT, embedder.identity());
        assertEquals(ModelPin.DEFAULT.modelSha256(), Hashes.sha256Hex(resource(ModelPin.MODEL_RESOURCE)));
    }

    @Test
    void aModelThatIsNotThePinnedOneIsRefused() {
        byte[] tampered = "not the model".getBytes(StandardCharsets.UTF_8);
        UserException e = assertThrows(UserException.class,
            () -> ModelFiles.checkPinned(Hashes.sha256Hex(tampered), ModelPin.DEFAULT.modelSha256()));
        assertTrue(e.getMessage().contains(Hashes.sha256Hex(tampered)), e.getMessage());
        assertTrue(e.getMessage().contains(ModelPin.DEFAULT.modelSha256()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void modelFolderReplacesTheDefault(@TempDir Path dir) throws IOException {
        writeModelFolder(dir, "name=bge-mean-test\npooling=mean\nquery_prefix=query: \nmax_tokens=256\ndimensions=384\n");
        try (Embedder custom = Embedder.load(dir, EmbedderOptions.defaults().withWorkers(1))) {
            assertEquals("bge-mean-test", custom.identity().modelName());
            assertEquals(ModelPin.DEFAULT.modelSha256(), custom.identity().modelSha256(), "the file's real sha256");
            assertEquals("mean", custom.identity().pooling());
            assertEquals("query: ", custom.identity().queryPrefix());
            assertEquals(256, custom.maxTokens());
            String text = "Declare a path parameter with a type annotation.";
            float[] mean = custom.embedDocuments(List.of(text))[0];
            float[] cls = embedder.embedDocuments(List.of(text))[0];
            assertEquals(1.0, Math.sqrt(dot(mean, mean)), 1e-4);
            assertTrue(cosine(mean, cls) < 0.999, "mean pooling differs from CLS pooling: " + cosine(mean, cls));
            assertTrue(cosine(custom.embedQuery("x"), custom.embedDocuments(List.of("query: x"))[0]) > 0.99999);
            assertNotEquals(embedder.identity().canonical(), custom.identity().canonical());
        }
    }

    @Test
    void badModelFoldersAreOneLineUserErrors(@TempDir Path dir) throws IOException {
        assertOneLine(assertThrows(UserException.class, () -> Embedder.load(dir.resolve("missing"))), "does not exist");
        writeModelFolder(dir, "name=x\npooling=max\nmax_tokens=512\ndimensions=384\n");
        assertOneLine(assertThrows(UserException.class, () -> Embedder.load(dir)), "pooling must be cls or mean");
        writeModelFolder(dir, "name=x\npooling=cls\nmax_tokens=lots\ndimensions=384\n");
        assertOneLine(assertThrows(UserException.class, () -> Embedder.load(dir)), "'max_tokens' must be a whole number");
        writeModelFolder(dir, "pooling=cls\nmax_tokens=512\ndimensions=384\n");
        assertOneLine(assertThrows(UserException.class, () -> Embedder.load(dir)), "'name' is missing");
        writeModelFolder(dir, "name=x\npooling=cls\nmax_tokens=512\ndimensions=768\n");
        assertOneLine(assertThrows(UserException.class, () -> Embedder.load(dir)), "must be [batch, tokens, 768]");
        Files.writeString(dir.resolve("model.onnx"), "this is not an onnx graph");
        assertOneLine(assertThrows(UserException.class, () -> Embedder.load(dir)), "not a model ONNX Runtime can load");
        Files.delete(dir.resolve("tokenizer.json"));
        assertOneLine(assertThrows(UserException.class, () -> Embedder.load(dir)), "has no tokenizer.json");
    }

    private static void assertOneLine(UserException e, String expected) {
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static void writeModelFolder(Path dir, String properties) throws IOException {
        if (!Files.exists(dir.resolve("model.onnx")) || Files.size(dir.resolve("model.onnx")) < 1000) {
            Files.write(dir.resolve("model.onnx"), resource(ModelPin.MODEL_RESOURCE));
        }
        Files.write(dir.resolve("tokenizer.json"), resource(ModelPin.TOKENIZER_RESOURCE));
        Files.writeString(dir.resolve(ModelFiles.PROPERTIES), properties);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EmbedderTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** One real section under 100 tokens, one of 100-300 and one of 300-510 from {@code docs}, in that order. */
    private List<String> sectionsOfEverySize(List<Path> docs) throws IOException {
        int[][] ranges = {{3, 100}, {100, 300}, {300, 510}};
        String[] picked = new String[ranges.length];
        for (Path doc : docs) {
            for (String section : MarkdownSections.split(Files.readString(doc))) {
                int tokens = embedder.countTokens(section);
                for (int r = 0; r < ranges.length; r++) {
                    if (picked[r] == null && tokens >= ranges[r][0] && tokens < ranges[r][1]) {
                        picked[r] = section;
                    }
                }
            }
        }
        for (int r = 0; r < ranges.length; r++) {
            assertTrue(picked[r] != null, docs + " have no section of " + ranges[r][0] + "-" + ranges[r][1] + " tokens");
        }
        return List.of(picked);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }
}
