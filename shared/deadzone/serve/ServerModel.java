package deadzone.serve;

import deadzone.embed.Embedder;
import deadzone.embed.EmbedderIdentity;
import deadzone.embed.EmbedderOptions;
import deadzone.embed.ModelFiles;
import deadzone.embed.ModelPin;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The model the server embeds queries with, loading on a background thread from the moment the
 * server starts (reading, checking and initialising it takes a second or two), while the
 * database is fetched and checked. Its identity is known at once for the pinned default (the
 * load checks the bytes against the pin); a model folder is read and hashed first.
 */
public final class ServerModel {
    private final EmbedderIdentity identity;
    private final CompletableFuture<Embedder> embedder;

    private ServerModel(EmbedderIdentity identity, CompletableFuture<Embedder> embedder) {
        this.identity = identity;
        this.embedder = embedder;
    }

    /** {@code dirOrNull} null: DEADZONE_MODEL_DIR when set, else the pinned default model. */
    public static ServerModel load(Path dirOrNull) {
        String fromEnv = System.getenv(ModelFiles.ENV_MODEL_DIR);
        boolean pinned = dirOrNull == null && (fromEnv == null || fromEnv.isBlank());
        ModelFiles folder = pinned ? null : ModelFiles.resolve(dirOrNull);
        // A query is one short text: one run at a time on every core answers it soonest (measured:
        // 10.6 ms with two ONNX threads against 14.9 ms with one, on two cores).
        EmbedderOptions options = EmbedderOptions.defaults().withWorkers(1)
            .withIntraOpThreads(Runtime.getRuntime().availableProcessors());
        CompletableFuture<Embedder> embedder = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                embedder.complete(Embedder.open(pinned ? ModelFiles.pinnedDefault() : folder, options));
            } catch (RuntimeException | Error e) {
                embedder.completeExceptionally(e);
            }
        }, "serve-model");
        loader.setDaemon(true);
        loader.start();
        return new ServerModel(pinned ? ModelPin.DEFAULT : folder.identity(), embedder);
    }

    public EmbedderIdentity identity() {
        return identity;
    }

    CompletableFuture<Embedder> embedder() {
        return embedder;
    }

    /** Releases the model once loaded (a server refused at start does not keep it). */
    public void close() {
        embedder.thenAccept(Embedder::close);
    }
}
