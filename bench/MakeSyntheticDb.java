///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Kind.java
//SOURCES ../shared/deadzone/artifact/Meta.java ../shared/deadzone/artifact/ModelPin.java
//SOURCES ../shared/deadzone/artifact/PipelineVersion.java ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/chunk/Chunk.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/parse/HeadingPath.java
//SOURCES ../shared/deadzone/registry/Fingerprint.java ../shared/deadzone/registry/ResolvedEntry.java
//SOURCES ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/release/EntryKey.java ../shared/deadzone/release/Manifest.java
//SOURCES ../shared/deadzone/release/ManifestEntry.java ../shared/deadzone/release/ManifestFile.java
//SOURCES ../shared/deadzone/store/ArtifactCheck.java ../shared/deadzone/store/ArtifactContent.java
//SOURCES ../shared/deadzone/store/ArtifactWriter.java ../shared/deadzone/store/Consolidator.java
//SOURCES ../shared/deadzone/store/ManifestBuilder.java ../shared/deadzone/store/SourceRecord.java
//SOURCES ../shared/deadzone/store/Sqlite.java ../shared/deadzone/store/StoredChunk.java
//SOURCES ../shared/deadzone/store/StoredGoFile.java ../shared/deadzone/store/Vectors.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java
//SOURCES ../shared/deadzone/util/Trees.java
//SOURCES ../tests/support/SyntheticArtifacts.java
//RUNTIME_OPTIONS -Xmx1g

import deadzone.artifact.ModelPin;
import deadzone.store.Consolidator;
import deadzone.util.Trees;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import support.SyntheticArtifacts;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Generates a synthetic corpus (real artifact databases with made-up text and random unit
 * vectors), consolidates it into one database, and prints Consolidate's throughput and peak
 * memory. The database it leaves is the input of SearchBench.
 */
@Command(name = "MakeSyntheticDb", mixinStandardHelpOptions = true)
public class MakeSyntheticDb implements Callable<Integer> {
    @Option(names = "--chunks", defaultValue = "100000") int chunks;
    @Option(names = "--libs", defaultValue = "20") int libs;
    @Option(names = "--dir", defaultValue = "build/bench-synthetic") Path dir;
    @Option(names = "--consolidate-only", hidden = true) boolean consolidateOnly;

    @Override
    public Integer call() throws Exception {
        Path artifacts = dir.resolve("artifacts");
        if (consolidateOnly) {
            return consolidate(artifacts);
        }
        Trees.delete(dir);
        Files.createDirectories(artifacts);
        long t0 = System.nanoTime();
        int perLib = chunks / libs;
        for (int i = 0; i < libs; i++) {
            SyntheticArtifacts.write(artifacts, "/synthetic/lib" + i, "1." + i, Math.max(1, perLib / 20), perLib, i);
        }
        System.out.printf("generated %d chunks in %d artifacts in %.1f s%n", perLib * libs, libs, (System.nanoTime() - t0) / 1e9);
        // Consolidate in a JVM of its own, so its peak memory is its own.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), "MakeSyntheticDb",
            "--consolidate-only", "--dir", dir.toString()).inheritIO().start();
        return child.waitFor();
    }

    private int consolidate(Path artifacts) throws Exception {
        Path db = dir.resolve("deadzone.db");
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long rssBefore = rssHighWaterKb();
        long t1 = System.nanoTime();
        Consolidator.Checked checked = Consolidator.checkAll(artifacts, ModelPin.DEFAULT);
        Consolidator.Result r = Consolidator.build(checked.valid(), db, checked.embedder(), List.of());
        double seconds = (System.nanoTime() - t1) / 1e9;
        long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("consolidate: %d chunks, %.1f MB, %.1f s, %.0f chunks/s%n", r.chunks(), r.bytes() / 1e6,
            seconds, r.chunks() / seconds);
        System.out.printf("consolidate peak memory: JVM heap %.0f MB, process RSS high-water %.0f MB (JVM start: %.0f MB)%n",
            heapPeak / 1e6, rssHighWaterKb() / 1e3, rssBefore / 1e3);
        System.out.println("database: " + db.toAbsolutePath());
        return 0;
    }

    /** VmHWM: the process's resident-set high-water mark, native memory (SQLite's) included. */
    static long rssHighWaterKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    public static void main(String... args) {
        System.exit(new CommandLine(new MakeSyntheticDb()).execute(args));
    }
}
