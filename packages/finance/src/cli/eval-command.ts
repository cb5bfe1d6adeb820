/** `finfuse eval phrasebank|stocknet`: test-split metrics next to the published anchors. */
import { parseArgs } from "node:util";
import { InvalidInputError } from "@finfuse/tensor";
import { evaluateMovementFolder } from "../eval/movement-eval.js";
import { evaluateSentimentFolder } from "../eval/sentiment-eval.js";
import { DEFAULT_MOVEMENT_MODEL, DEFAULT_SENTIMENT_MODEL, resolveDataDir } from "../train/paths.js";

const pct = (value: number): string => `${(100 * value).toFixed(2)}%`;

export async function runEval(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: "string" }, model: { type: "string" }, json: { type: "boolean", default: false } } });
  const [benchmark] = positionals;
  const dataDir = resolveDataDir(values.data);
  if (benchmark === "phrasebank") {
    const result = await evaluateSentimentFolder(values.model ?? DEFAULT_SENTIMENT_MODEL, dataDir);
    if (values.json) return void console.log(JSON.stringify(result, null, 2));
    console.log(`Financial PhraseBank test split (${result.all.rows} sentences, 50% agreement and up; duplicates removed; 20% test, 20% of the rest dev, seed 42)`);
    console.log(`                      accuracy  macro F1  majority class`);
    console.log(`  finfuse, all        ${pct(result.all.accuracy).padStart(8)}  ${pct(result.all.macroF1).padStart(8)}  ${pct(result.all.majorityAccuracy).padStart(8)}`);
    console.log(`  finfuse, AllAgree   ${pct(result.allAgree.accuracy).padStart(8)}  ${pct(result.allAgree.macroF1).padStart(8)}  ${pct(result.allAgree.majorityAccuracy).padStart(8)}   (${result.allAgree.rows} sentences)`);
    console.log(`  FinBERT, all          86.00%    84.00%   (published, Araci 2019)`);
    console.log(`  FinBERT, AllAgree     97.00%    95.00%   (published)`);
    return;
  }
  if (benchmark === "stocknet") {
    const result = await evaluateMovementFolder(values.model ?? DEFAULT_MOVEMENT_MODEL, dataDir, ["test"]);
    if (values.json) return void console.log(JSON.stringify(result.test, null, 2));
    const t = result.test;
    console.log(`StockNet test split (${t.samples} samples, target dates 2015-10-01 to 2015-12-31; 95% intervals from resampling dates)`);
    console.log(`  finfuse      accuracy ${pct(t.accuracy.estimate)} [${pct(t.accuracy.low)}, ${pct(t.accuracy.high)}]  MCC ${t.mcc.estimate.toFixed(4)} [${t.mcc.low.toFixed(4)}, ${t.mcc.high.toFixed(4)}]`);
    console.log(`  always up    accuracy ${pct(t.alwaysUpAccuracy)}  MCC 0`);
    console.log(`  StockNet     accuracy 58.23%  MCC 0.0808   (published, Xu and Cohen 2018)`);
    console.log(`  MAN-SF       accuracy 60.80%  MCC 0.1950   (published, Sawhney et al. 2020)`);
    return;
  }
  throw new InvalidInputError(`eval: expected "phrasebank" or "stocknet", received ${benchmark === undefined ? "nothing" : `"${benchmark}"`}`);
}
