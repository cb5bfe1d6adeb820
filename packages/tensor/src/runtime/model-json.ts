/** Reads and parses a JSON file of a model folder, such as config.json. */
import { ModelLoadError } from "../errors.js";
import type { ModelSource } from "./model-source.js";

export async function readModelJson(source: ModelSource, relativePath: string): Promise<Record<string, unknown>> {
  const text = await source.readText(relativePath);
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("the top level is not an object");
    return value as Record<string, unknown>;
  } catch (error) {
    throw new ModelLoadError(`${source.location}/${relativePath}: invalid JSON (${(error as Error).message}); restore the file from the model's release`);
  }
}

/** Reads `id2label` from a Hugging Face config.json as a list ordered by id. */
export function labelsFromConfig(config: Record<string, unknown>, where: string): string[] {
  const id2label = config.id2label;
  if (typeof id2label !== "object" || id2label === null) {
    throw new ModelLoadError(`${where}: config.json has no id2label; a classifier needs its label names`);
  }
  const entries = Object.entries(id2label as Record<string, unknown>).map(([id, label]) => [Number(id), String(label)] as const);
  entries.sort((a, b) => a[0] - b[0]);
  entries.forEach(([id], index) => {
    if (id !== index) throw new ModelLoadError(`${where}: config.json id2label ids must be 0..${entries.length - 1}, found ${id}`);
  });
  return entries.map(([, label]) => label);
}
