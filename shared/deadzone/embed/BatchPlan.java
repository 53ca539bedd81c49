package deadzone.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Groups tokenised texts into batches: sorted by token count so that a batch pads little, each
 * batch within a padded-token budget and no text in it under half the longest. Longest first, so the slowest batches start early and the
 * workers finish together.
 */
public final class BatchPlan {
    private BatchPlan() {
    }

    /** @param ids token ids of the texts at positions {@code offset, offset+1, ...} */
    public static List<TokenBatch> plan(long[][] ids, int offset, int tokenBudget, int maxBatch) {
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Ties keep input order, so the same texts always make the same batches.
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> ids[i].length).reversed().thenComparing(i -> i));
        List<TokenBatch> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int length = ids[order[start]].length; // the longest of the batch: sorted descending
            int size = Math.max(1, Math.min(maxBatch, tokenBudget / Math.max(1, length)));
            int end = start + 1;
            // A text at most half as long as the batch's longest starts a new batch: padding stays under 2x.
            while (end < order.length && end - start < size && ids[order[end]].length * 2 > length) {
                end++;
            }
            int[] positions = new int[end - start];
            long[][] rows = new long[end - start][];
            for (int r = 0; r < positions.length; r++) {
                positions[r] = offset + order[start + r];
                rows[r] = ids[order[start + r]];
            }
            batches.add(new TokenBatch(positions, rows, length));
            start = end;
        }
        return batches;
    }
}
