/** `finfuse predict`: a movement prediction from a price CSV and texts, or from a StockNet folder. */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { InvalidInputError } from "@finfuse/tensor";
import type { PriceBar } from "@finfuse/vision";
import { parsePriceCsv } from "../data/price-csv.js";
import { parseTextsJsonl } from "../data/texts-jsonl.js";
import { findStocknetSample } from "../data/stocknet.js";
import { readStocknetTweets } from "../data/stocknet-tweets.js";
import { isIsoDate } from "../data/iso-date.js";
import { MovementPredictor, type MovementInput, type MovementPrediction } from "../movement/movement-predictor.js";
import type { TimedText } from "../movement/text-window.js";
import { DEFAULT_MOVEMENT_MODEL } from "../train/paths.js";

const LAG_DAYS = 5;

export async function runPredict(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      prices: { type: "string" }, texts: { type: "string" }, stocknet: { type: "string" },
      ticker: { type: "string" }, date: { type: "string" }, model: { type: "string" }, json: { type: "boolean", default: false },
    },
  });
  if (values.date !== undefined && !isIsoDate(values.date)) throw new InvalidInputError(`predict: --date "${values.date}" must be YYYY-MM-DD`);
  let input: MovementInput;
  if (values.stocknet !== undefined) {
    if (values.ticker === undefined || values.date === undefined) throw new InvalidInputError("predict: --stocknet needs --ticker and --date, for example --ticker AAPL --date 2015-11-02");
    input = await stocknetInput(values.stocknet, values.ticker.toUpperCase(), values.date);
  } else if (values.prices !== undefined) {
    input = await fileInput(values.prices, values.texts, values.date, values.ticker);
  } else {
    throw new InvalidInputError("predict: pass --prices FILE.csv (and optionally --texts FILE.jsonl), or --stocknet DIR --ticker SYMBOL --date YYYY-MM-DD");
  }
  const predictor = await MovementPredictor.load(values.model ?? DEFAULT_MOVEMENT_MODEL);
  try {
    const prediction = await predictor.predict(input);
    console.log(values.json ? JSON.stringify(prediction, null, 2) : formatPrediction(prediction, input.texts.length));
  } finally {
    await predictor.dispose();
  }
}

async function stocknetInput(dir: string, ticker: string, date: string): Promise<MovementInput> {
  const lookup = await findStocknetSample(dir, ticker, date);
  const [fromDay, toDay] = lookup.tweetDays;
  const texts = await readStocknetTweets(dir, ticker, fromDay, toDay).catch(() => []);
  return { ticker, date, prices: lookup.window, texts };
}

async function fileInput(pricesPath: string, textsPath: string | undefined, date: string | undefined, ticker: string | undefined): Promise<MovementInput> {
  const bars = parsePriceCsv(await readText(pricesPath), pricesPath);
  const before = date === undefined ? bars : bars.filter((bar) => bar.date < date);
  if (before.length < LAG_DAYS) {
    throw new InvalidInputError(`predict: ${pricesPath} has ${before.length} trading days before ${date ?? "its end"}; the model needs ${LAG_DAYS}`);
  }
  const window: PriceBar[] = before.slice(-LAG_DAYS);
  const allTexts: TimedText[] = textsPath === undefined ? [] : parseTextsJsonl(await readText(textsPath), textsPath);
  const start = Date.parse(`${window[0].date}T00:00:00Z`);
  const end = date === undefined ? Infinity : Date.parse(`${date}T00:00:00Z`);
  const texts = allTexts.filter((text) => {
    const time = Date.parse(text.time);
    return time >= start && time < end;
  });
  return { ticker, date, prices: window, texts };
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new InvalidInputError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

function formatPrediction(prediction: MovementPrediction, textCount: number): string {
  const lines = [
    `${prediction.ticker ?? "stock"} ${prediction.date ?? "next trading day"}: ${prediction.label.toUpperCase()} (P(up) = ${prediction.probabilityUp.toFixed(4)})`,
    `window: ${prediction.days.join(", ")}; ${textCount} texts, ${prediction.tokens.length} tokens read`,
  ];
  if (prediction.topWords.length > 0) {
    lines.push("most attended words (word: attention from the days, day attending most):");
    for (const word of prediction.topWords) lines.push(`  ${word.word.padEnd(16)} ${word.weight.toFixed(3)}  ${word.day}`);
  }
  return lines.join("\n");
}
