///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8
//DEPS info.picocli:picocli:4.7.7
//SOURCES ../shared/deadzone/artifact/ArtifactIdentity.java ../shared/deadzone/artifact/ArtifactLayout.java
//SOURCES ../shared/deadzone/artifact/EmbedderIdentity.java ../shared/deadzone/artifact/Meta.java
//SOURCES ../shared/deadzone/artifact/ModelPin.java ../shared/deadzone/artifact/PipelineVersion.java
//SOURCES ../shared/deadzone/artifact/Schema.java
//SOURCES ../shared/deadzone/cli/Cli.java ../shared/deadzone/cli/LogOptions.java
//SOURCES ../shared/deadzone/error/ExitCode.java ../shared/deadzone/error/RunFailure.java
//SOURCES ../shared/deadzone/error/UserException.java
//SOURCES ../shared/deadzone/github/RestoreReportCheck.java
//SOURCES ../shared/deadzone/log/Log.java
//SOURCES ../shared/deadzone/registry/Slugs.java
//SOURCES ../shared/deadzone/release/EntryKey.java ../shared/deadzone/release/Manifest.java
//SOURCES ../shared/deadzone/release/ManifestEntry.java ../shared/deadzone/release/ManifestFile.java
//SOURCES ../shared/deadzone/store/ArtifactCheck.java ../shared/deadzone/store/Consolidator.java
//SOURCES ../shared/deadzone/store/ManifestBuilder.java ../shared/deadzone/store/Sqlite.java
//SOURCES ../shared/deadzone/util/AtomicFiles.java ../shared/deadzone/util/Failures.java
//SOURCES ../shared/deadzone/util/Hashes.java ../shared/deadzone/util/Json.java ../shared/deadzone/util/RunContext.java
//SOURCES ../shared/deadzone/util/Sleeper.java ../shared/deadzone/util/StepSummary.java

import deadzone.artifact.ArtifactLayout;
import deadzone.artifact.ModelPin;
import deadzone.cli.Cli;
import deadzone.cli.LogOptions;
import deadzone.error.RunFailure;
import deadzone.github.RestoreReportCheck;
import deadzone.log.Log;
import deadzone.release.EntryKey;
import deadzone.store.Consolidator;
import deadzone.util.Json;
import deadzone.util.RunContext;
import deadzone.util.StepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "Consolidate", mixinStandardHelpOptions = true, version = "Consolidate (deadzone-pack)",
    description = {"Merges every artifacts/<slug>/artifact.db into one deadzone.db and writes its manifest",
        "(deadzone.manifest.json) beside it. Every artifact is validated first; the database is built in a",
        "scratch file and renamed over the target only when complete, so a failure never touches the",
        "existing database. Prints one JSON line on stdout: artifacts, libs, docs, chunks, bytes, sha256, manifest."})
public class Consolidate implements Callable<Integer> {
    @Option(names = "--artifacts", defaultValue = ArtifactLayout.DEFAULT_FOLDER, paramLabel = "DIR",
        description = "Folder of artifact folders (default: ${DEFAULT-VALUE}).")
    Path artifacts;

    @Option(names = "--db", defaultValue = "deadzone.db", paramLabel = "FILE",
        description = "The database to write (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--skip-bad", description = "Drop invalid artifacts with a warning instead of failing.")
    boolean skipBad;

    @Option(names = "--report", paramLabel = "FILE",
        description = "The RestoreCaches JSON report: each entry's restore status goes into the manifest.")
    Path report;

    @Mixin
    LogOptions logOptions;

    private final RunContext context;

    public Consolidate() {
        this(RunContext.process());
    }

    /** Tests pass their own environment, working folder and sleeper. */
    public Consolidate(RunContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Map<EntryKey, String> restore = new HashMap<>();
        if (report != null) {
            RestoreReportCheck.read(report).forEach(e -> restore.put(new EntryKey(e.libId(), e.version()), e.status()));
        }
        Consolidator.Checked checked = Consolidator.checkAll(artifacts, ModelPin.DEFAULT);
        for (String reason : checked.invalid()) {
            Log.error("artifact_invalid", reason);
        }
        if (!checked.invalid().isEmpty() && !skipBad) {
            throw new RunFailure(checked.invalid().size() + " invalid artifact(s), " + db
                + " left untouched (fix them, or pass --skip-bad to drop them): " + String.join("; ", checked.invalid()));
        }
        if (checked.valid().isEmpty()) {
            throw new RunFailure("no valid artifact in " + artifacts + "; " + db + " left untouched");
        }
        Consolidator.Result r = Consolidator.build(checked.valid(), db, checked.embedder(), checked.invalid(), restore);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("artifacts", r.artifacts());
        line.put("libs", r.libs());
        line.put("docs", r.docs());
        line.put("chunks", r.chunks());
        line.put("skipped", r.skipped().size());
        line.put("bytes", r.bytes());
        line.put("sha256", r.sha256());
        line.put("manifest", r.manifest().getFileName().toString());
        System.out.println(Json.write(line));
        Log.info("consolidated", "db", db.toString(), "artifacts", r.artifacts(), "libs", r.libs(), "docs", r.docs(),
            "chunks", r.chunks(), "bytes", r.bytes(), "sha256", r.sha256(), "manifest", r.manifest().toString());
        StepSummary.append(context.env(), "### deadzone.db\n\n| artifacts | libs | docs | chunks | skipped | bytes | sha256 |\n"
            + "|---|---|---|---|---|---|---|\n| " + r.artifacts() + " | " + r.libs() + " | " + r.docs() + " | "
            + r.chunks() + " | " + r.skipped().size() + " | " + r.bytes() + " | `" + r.sha256() + "` |\n");
        return 0;
    }

    public static void main(String... args) {
        Cli.main(new Consolidate(), args);
    }
}
