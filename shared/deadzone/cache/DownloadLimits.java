package deadzone.cache;

import java.time.Duration;

/**
 * What one archive download may take: an overall deadline (all attempts together), a minimum rate
 * (a body slower than {@code minBytesPerSecond} over any {@code window} is dropped and retried: a
 * signed URL that trickles a byte a second would otherwise hold the fan-in forever), and a size.
 */
public record DownloadLimits(Duration deadline, long minBytesPerSecond, Duration window, long maxBytes) {
    /** 15 minutes; 32 KiB/s over 30 s; the extraction cap's bytes (an archive is never larger than what it holds). */
    public static final DownloadLimits DEFAULTS =
        new DownloadLimits(Duration.ofMinutes(15), 32 * 1024, Duration.ofSeconds(30), ExtractLimits.DEFAULTS.maxBytes());

    public DownloadLimits {
        if (deadline.isNegative() || deadline.isZero() || window.isNegative() || window.isZero()
            || minBytesPerSecond < 0 || maxBytes < 1) {
            throw new IllegalArgumentException("download limits must be positive");
        }
    }

    public DownloadLimits withDeadline(Duration newDeadline) {
        return new DownloadLimits(newDeadline, minBytesPerSecond, window, maxBytes);
    }

    public DownloadLimits withMaxBytes(long newMaxBytes) {
        return new DownloadLimits(deadline, minBytesPerSecond, window, newMaxBytes);
    }
}
