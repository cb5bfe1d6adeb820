#!/usr/bin/env node
/**
 * `pnpm train:default`: trains the shipped default models from the data sets and writes
 * them to packages/finance/models (or --out). Options: --only sentiment|movement,
 * --data DIR, --out DIR, --epochs N (per model), --seed N.
 */
import { parseArgs } from "node:util";
import { DEFAULT_MODELS_DIR, resolveDataDir } from "./paths.js";
import { trainSentiment } from "./train-sentiment.js";
import { trainMovement } from "./train-movement.js";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      data: { type: "string" },
      out: { type: "string" },
      epochs: { type: "string" },
      seed: { type: "string", default: "42" },
      "max-train-rows": { type: "string" },
    },
  });
  const only = values.only;
  if (only !== undefined && only !== "sentiment" && only !== "movement") {
    throw new Error(`--only must be "sentiment" or "movement", received "${only}"`);
  }
  const dataDir = resolveDataDir(values.data);
  const outDir = values.out ?? DEFAULT_MODELS_DIR;
  const seed = Number(values.seed);
  const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
  const maxTrainRows = values["max-train-rows"] === undefined ? undefined : Number(values["max-train-rows"]);
  const log = (line: string): void => console.log(line);
  const showProgress = process.stdout.isTTY === true;
  if (only !== "movement") await trainSentiment({ dataDir, outDir, seed, epochs: epochs ?? 10, showProgress, log, maxTrainRows });
  if (only !== "sentiment") await trainMovement({ dataDir, outDir, seed, epochs: epochs ?? 4, showProgress, log, maxTrainRows });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
