/** Writes a trained model in Hugging Face layout: config.json, tokenizer files, onnx/model.onnx and README.md. */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface ModelFolderContents {
  config: Record<string, unknown>;
  tokenizer: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  onnx: Uint8Array;
  /** The int8 export, written as onnx/model_quantized.onnx (the Hugging Face name). */
  onnxQuantized?: Uint8Array;
  /** The model card, Markdown. */
  card: string;
  /** Measured metrics, also written as metrics.json. */
  metrics: Record<string, unknown>;
}

export async function writeModelFolder(folder: string, contents: ModelFolderContents): Promise<void> {
  await mkdir(join(folder, "onnx"), { recursive: true });
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  await writeFile(join(folder, "config.json"), json(contents.config));
  await writeFile(join(folder, "tokenizer.json"), JSON.stringify(contents.tokenizer));
  await writeFile(join(folder, "tokenizer_config.json"), json(contents.tokenizerConfig));
  await writeFile(join(folder, "onnx", "model.onnx"), contents.onnx);
  if (contents.onnxQuantized !== undefined) await writeFile(join(folder, "onnx", "model_quantized.onnx"), contents.onnxQuantized);
  await writeFile(join(folder, "README.md"), contents.card);
  await writeFile(join(folder, "metrics.json"), json(contents.metrics));
}
