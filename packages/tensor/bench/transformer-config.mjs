// The model every training benchmark uses: a 4-layer, 256-wide pre-norm transformer
// encoder classifier over 64-token sequences, batch 32 (the figures in docs/benchmarks.md).
export const TRAIN_CONFIG = { vocabSize: 8000, sequence: 64, batch: 32, width: 256, layers: 4, heads: 4, feedForwardWidth: 1024, classes: 2 };

/** Seeded batch of token ids and labels, shared by every engine. */
export function makeBatch(seed = 1) {
  let state = seed >>> 0;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
  const { batch, sequence, vocabSize, classes } = TRAIN_CONFIG;
  const ids = Array.from({ length: batch * sequence }, () => Math.floor(next() * vocabSize));
  const labels = Array.from({ length: batch }, () => Math.floor(next() * classes));
  return { ids, labels };
}

/** Multiply-adds times two of one forward pass, the usual FLOP count (attention included). */
export function forwardFlops() {
  const { batch, sequence, width, layers, feedForwardWidth, classes } = TRAIN_CONFIG;
  const tokens = batch * sequence;
  const perLayer = tokens * (4 * width * width + 2 * width * feedForwardWidth) * 2 + 2 * batch * sequence * sequence * width * 2;
  return layers * perLayer + batch * width * classes * 2;
}
