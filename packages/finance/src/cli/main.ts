#!/usr/bin/env node
/**
 * The `finfuse` command line: sentiment of texts, movement predictions from a price CSV and
 * texts or from a StockNet folder, and test-split evaluations next to published results.
 */
import { InvalidInputError, ModelLoadError } from "@finfuse/tensor";
import { runEval } from "./eval-command.js";
import { runPredict } from "./predict-command.js";
import { runSentiment } from "./sentiment-command.js";

export const USAGE = `Usage:
  finfuse sentiment "TEXT" ["TEXT" ...] [--model DIR] [--json]
      Classify financial news sentences as positive, negative or neutral.
  finfuse predict --prices FILE.csv [--texts FILE.jsonl] [--date YYYY-MM-DD] [--ticker SYMBOL] [--model DIR] [--json]
      Predict the move on --date (default: the trading day after the CSV's last row) from the
      5 trading days before it in a Yahoo-style CSV (Date,Open,High,Low,Close,Adj Close,Volume)
      and a JSONL of {"time": ISO 8601, "text": ...} lines.
  finfuse predict --stocknet DIR --ticker SYMBOL --date YYYY-MM-DD [--model DIR] [--json]
      The same for a StockNet release folder (price/raw, tweet/preprocessed).
  finfuse eval phrasebank|stocknet [--data DIR] [--model DIR] [--json]
      Test-split metrics of the shipped (or given) model next to published results.
      DIR holds financial-phrasebank/ and stocknet/; default $FINFUSE_DATA_DIR or ../shared/data.`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case "sentiment":
      return runSentiment(rest);
    case "predict":
      return runPredict(rest);
    case "eval":
      return runEval(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return;
    default:
      throw new InvalidInputError(`unknown command "${command}"; run finfuse --help for the commands`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof InvalidInputError || error instanceof ModelLoadError) {
    console.error(`finfuse: ${error.message}`);
    process.exitCode = 2;
  } else if (error instanceof Error && (error as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    console.error(`finfuse: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
});
