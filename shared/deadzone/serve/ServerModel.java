package deadzone.serve;

import deadzone.artifact.EmbedderIdentity;
import deadzone.artifact.ModelPin;
import deadzone.embed.Embedder;
import deadzone.embed.EmbedderOptions;
import deadzone.embed.ModelFiles;
import deadzone.log.Log;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The model the server embeds queries with, loading on a background thread from the moment the
 * server starts (reading, checking and initialising it takes a second or two), while the
 * database is fetched and checked. Its identity is known at once for the pinned default (the
 * load checks the bytes against the pin); a model folder is read and hashed first.
 */
public final class ServerModel {
    /** How long closing waits for a load under way; the process must not exit in the middle of one. */
    private static final long CLOSE_WAIT_MILLIS = 60_000;

    private final EmbedderIdentity identity;
    private final CompletableFuture<Embedder> embedder = new CompletableFuture<>();
    private final Thread loader;
    private volatile boolean closed;

    private ServerModel(EmbedderIdentity identity, ModelFiles folderOrNull) {
        this.identity = identity;
        EmbedderOptions options = EmbedderOptions.defaults();
        this.loader = new Thread(() -> {
            try {
                ModelFiles files = folderOrNull != null ? folderOrNull : ModelFiles.pinnedDefault();
                if (closed) {
                    embedder.completeExceptionally(new CancellationException("the server stopped"));
                    return;
                }
                embedder.complete(Embedder.open(files, options));
            } catch (RuntimeException | Error e) {
                embedder.completeExceptionally(e);
            }
        }, "serve-model");
        loader.setDaemon(true);
    }

    /** {@code dirOrNull} null: DEADZONE_MODEL_DIR in {@code env} when set, else the pinned default model. */
    public static ServerModel load(Path dirOrNull, Map<String, String> env) {
        String fromEnv = env.get(ModelFiles.ENV_MODEL_DIR);
        boolean pinned = dirOrNull == null && (fromEnv == null || fromEnv.isBlank());
        ModelFiles folder = pinned ? null : ModelFiles.resolve(dirOrNull, env);
        ServerModel model = new ServerModel(pinned ? ModelPin.DEFAULT : folder.identity(), folder);
        model.loader.start();
        return model;
    }

    public EmbedderIdentity identity() {
        return identity;
    }

    CompletableFuture<Embedder> embedder() {
        return embedder;
    }

    /**
     * Stops a load not yet under way, waits for one that is, and releases the model. ONNX Runtime
     * crashes the process (SIGSEGV) when it exits while a session is being created, so the
     * server calls this before it exits.
     */
    public void close() {
        closed = true;
        try {
            loader.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loader.isAlive()) {
            Log.warn("serve_model_still_loading", "the model was still loading " + CLOSE_WAIT_MILLIS / 1000
                + " s after the server stopped");
        }
        embedder.thenAccept(Embedder::close);
    }
}
