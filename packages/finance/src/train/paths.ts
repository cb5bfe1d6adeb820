/** Locations of the data folder and the shipped models, for the CLI and the training scripts (Node). */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InvalidInputError } from "@finfuse/tensor";

/** The folder of the shipped default models inside this package. */
export const DEFAULT_MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "models");
export const DEFAULT_SENTIMENT_MODEL = join(DEFAULT_MODELS_DIR, "finfuse-sentiment-mini");
export const DEFAULT_MOVEMENT_MODEL = join(DEFAULT_MODELS_DIR, "finfuse-movement-mini");

/**
 * Resolves the data folder: an explicit path, then FINFUSE_DATA_DIR, then ../shared/data
 * beside the repository that contains the current directory.
 */
export function resolveDataDir(explicit?: string): string {
  const candidate = explicit ?? process.env.FINFUSE_DATA_DIR ?? findSharedData(process.cwd());
  if (candidate === undefined || !existsSync(candidate)) {
    throw new InvalidInputError(
      `data folder ${candidate ?? "(none found)"} does not exist; pass --data DIR or set FINFUSE_DATA_DIR to the folder that contains financial-phrasebank/ and stocknet/`,
    );
  }
  return resolve(candidate);
}

function findSharedData(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return join(dir, "..", "shared", "data");
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
