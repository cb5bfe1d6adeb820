/** Builds the feeds a BERT-style ONNX model expects from a tokenised batch. */
import type { OnnxSession, TensorFeed } from "@finfuse/tensor";
import type { EncodedBatch } from "./tokenizer/tokenizer.js";

/**
 * Feeds input_ids and attention_mask, and token_type_ids (all zeros, one segment) when the
 * model declares it, as Hugging Face BERT exports do.
 */
export function feedsForTokens(session: OnnxSession, batch: EncodedBatch): Record<string, TensorFeed> {
  const feeds: Record<string, TensorFeed> = {
    input_ids: { data: batch.inputIds, dims: batch.dims },
    attention_mask: { data: batch.attentionMask, dims: batch.dims },
  };
  if (session.inputNames.includes("token_type_ids")) {
    feeds.token_type_ids = { data: new Array<number>(batch.inputIds.length).fill(0), dims: batch.dims };
  }
  for (const name of Object.keys(feeds)) if (!session.inputNames.includes(name)) delete feeds[name];
  return feeds;
}
