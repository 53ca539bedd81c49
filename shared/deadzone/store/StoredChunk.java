package deadzone.store;

import deadzone.chunk.Chunk;

/** A chunk with its vector, as one {@code docs} row holds it. */
public record StoredChunk(Chunk chunk, float[] embedding) {
}
