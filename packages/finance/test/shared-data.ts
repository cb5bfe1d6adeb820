/**
 * Test helpers that locate the shared data sets and make scratch folders. The data sets
 * live outside the repository, in `../shared/data` next to the workspace root, or in
 * the folder that FINFUSE_DATA_DIR names.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Returns the folder that contains `financial-phrasebank/` and `stocknet/`. */
export function sharedDataDir(): string {
  const fromEnv = process.env.FINFUSE_DATA_DIR;
  if (fromEnv !== undefined && fromEnv !== "") return resolve(fromEnv);

  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("sharedDataDir: no pnpm-workspace.yaml above the test folder. Set FINFUSE_DATA_DIR to the folder that contains the data sets.");
    dir = parent;
  }
  const dataDir = resolve(dir, "..", "shared", "data");
  if (!existsSync(dataDir)) {
    throw new Error(`sharedDataDir: data folder not found at ${dataDir}. Set FINFUSE_DATA_DIR to the folder that contains the data sets.`);
  }
  return dataDir;
}

/** Creates an empty scratch folder and returns it with a function that deletes it. */
export async function makeScratchDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `finfuse-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
