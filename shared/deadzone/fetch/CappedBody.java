package deadzone.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body, but cancels the exchange as soon as it passes {@code cap} bytes (or
 * when the declared Content-Length already does), so an oversized or endless body costs at most
 * the cap in memory instead of an OutOfMemoryError.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long cap;
    private final long declaredLength;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes;
    private Flow.Subscription subscription;

    CappedBody(long cap, long declaredLength) {
        this.cap = cap;
        this.declaredLength = declaredLength;
        long initial = declaredLength >= 0 ? Math.min(declaredLength, cap) : Math.min(cap, 1 << 16);
        this.bytes = new ByteArrayOutputStream((int) Math.max(initial, 32));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredLength > cap) {
            tooLarge();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + (long) buffer.remaining() > cap) {
                tooLarge();
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }

    private void tooLarge() {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(cap));
    }

    /** A body bigger than the cap; reading stopped there. */
    static final class TooLarge extends IOException {
        TooLarge(long cap) {
            super("body over " + cap + " bytes");
        }
    }
}
