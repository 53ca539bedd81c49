package deadzone.cache;

import deadzone.registry.MatrixJson;

/** One library's line in the restore report; matchedKey and reason may be null. */
public record RestoreResult(MatrixJson.Slot slot, RestoreStatus status, String matchedKey, long docs, String reason) {
    static RestoreResult failed(MatrixJson.Slot slot, String reason) {
        return new RestoreResult(slot, RestoreStatus.FAILED, null, 0, reason);
    }
}
