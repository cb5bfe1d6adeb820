/** Argmax predictions of a classifier on eager kernels or through ONNX Runtime, for dev and test scoring. */
import { EagerOps, GraphBuilder, createSession, exportOnnx, type ParameterStore, type Tensor, type TensorFeed } from "@finfuse/tensor";

/** Predicts argmax classes for samples in batches without recording gradients. */
export function predictClasses<S>(parameters: ParameterStore, samples: readonly S[], batchSize: number, forward: (ops: EagerOps, batch: readonly S[]) => Tensor): number[] {
  const ops = new EagerOps(parameters);
  const predictions: number[] = [];
  for (let start = 0; start < samples.length; start += batchSize) {
    const logits = forward(ops, samples.slice(start, start + batchSize));
    const classes = logits.shape[1];
    for (let row = 0; row < logits.shape[0]; row++) {
      let best = 0;
      for (let j = 1; j < classes; j++) if (logits.data[row * classes + j] > logits.data[row * classes + best]) best = j;
      predictions.push(best);
    }
  }
  return predictions;
}

/**
 * Predicts argmax classes through ONNX Runtime: exports the model with the current weights
 * (`buildGraph` records a graph with a "logits" output) and runs it batch by batch.
 */
export async function predictClassesOnnx<S>(
  parameters: ParameterStore, buildGraph: (graph: GraphBuilder) => void, samples: readonly S[], batchSize: number,
  feeds: (batch: readonly S[]) => Record<string, TensorFeed>,
): Promise<number[]> {
  const graph = new GraphBuilder(parameters);
  buildGraph(graph);
  const session = await createSession(exportOnnx(graph, { graphName: "evaluation" }), { sourceName: "evaluation graph" });
  const predictions: number[] = [];
  try {
    for (let start = 0; start < samples.length; start += batchSize) {
      const outputs = await session.run(feeds(samples.slice(start, start + batchSize)), ["logits"]);
      const logits = outputs.logits.data as Float32Array;
      const classes = outputs.logits.dims[1];
      for (let row = 0; row < outputs.logits.dims[0]; row++) {
        let best = 0;
        for (let j = 1; j < classes; j++) if (logits[row * classes + j] > logits[row * classes + best]) best = j;
        predictions.push(best);
      }
    }
  } finally {
    await session.dispose();
  }
  return predictions;
}
