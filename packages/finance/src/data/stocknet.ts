/**
 * Reader for the StockNet data set (Xu and Cohen, 2018; github.com/yumoxu/stocknet-dataset,
 * MIT licence), Node only. It expects the release's layout under one folder:
 * `price/raw/TICKER.csv` (Yahoo Finance daily prices), `tweet/preprocessed/TICKER/DAY`
 * and `StockTable`. The labelling rules live in `stocknet-protocol.ts`.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

import { InvalidInputError } from "@finfuse/tensor";

import { isIsoDate, weekdayName } from "./iso-date.js";
import { hasErrorCode } from "./node-error.js";
import { parsePriceCsv, type PriceBar } from "./price-csv.js";
import {
  assertStocknetTicker,
  STOCKNET_HISTORY_DAYS,
  stocknetLookupAt,
  stocknetSamplesOf,
  type StocknetLookup,
  type StocknetSample,
  type StocknetSampleFields,
} from "./stocknet-protocol.js";
import { collectTweets, readStocknetTweetDays, readStocknetTweets, type StocknetTweet } from "./stocknet-tweets.js";

/** Options of `buildStocknetSamples` and `findStocknetSample`. */
export interface StocknetSampleOptions {
  /** Attach each sample's tweet texts as `texts`. Defaults to false, which saves memory. */
  withTweets?: boolean;
  /** Tickers to build. Defaults to every ticker with a price file. */
  tickers?: readonly string[];
}

const RELEASE_HINT =
  "Pass the root folder of the StockNet release (github.com/yumoxu/stocknet-dataset), " +
  "which contains price/raw/ and tweet/preprocessed/.";

/** Lists the tickers that have a price file in `price/raw`, sorted. */
export async function listStocknetTickers(dir: string): Promise<string[]> {
  const priceDir = join(dir, "price", "raw");
  let names: string[];
  try {
    names = await readdir(priceDir);
  } catch (error) {
    if (hasErrorCode(error, "ENOENT") || hasErrorCode(error, "ENOTDIR")) {
      throw new InvalidInputError(`StockNet price folder not found: ${priceDir}. ${RELEASE_HINT}`, { cause: error });
    }
    throw error;
  }
  return names
    .filter((name) => name.endsWith(".csv"))
    .map((name) => name.slice(0, -".csv".length))
    .sort();
}

/**
 * Reads one ticker's daily prices from `price/raw/TICKER.csv`, sorted by date. Rows
 * with `null` are skipped (see `parsePriceCsv`).
 *
 * @throws InvalidInputError for an unknown ticker (listing the known ones) or a malformed file.
 */
export async function readStocknetPrices(dir: string, ticker: string): Promise<PriceBar[]> {
  assertStocknetTicker(ticker, "readStocknetPrices");
  const path = join(dir, "price", "raw", `${ticker}.csv`);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (!hasErrorCode(error, "ENOENT")) throw error;
    const known = await listStocknetTickers(dir);
    throw new InvalidInputError(
      `readStocknetPrices: no price file for ticker "${ticker}" (${path} not found). ` +
        `Known tickers: ${known.join(", ") || "none"}.`,
      { cause: error },
    );
  }
  return parsePriceCsv(text, path);
}

/**
 * Builds every labelled StockNet sample of the study period, ordered by ticker and then
 * date. A sample needs `STOCKNET_HISTORY_DAYS` trading days before its target and a move
 * outside the dropped band. No condition is put on tweets. On the public release this
 * gives 20,339 train, 2,555 dev and 3,720 test samples, and 23.3% of them have no tweet.
 *
 * @example
 * const samples = await buildStocknetSamples("data/stocknet");
 * const test = samples.filter((sample) => sample.split === "test");
 */
export async function buildStocknetSamples(dir: string, options: StocknetSampleOptions = {}): Promise<StocknetSample[]> {
  const tickers = options.tickers ?? (await listStocknetTickers(dir));

  // Tickers are read one at a time, which keeps the number of open files bounded.
  const samples: StocknetSample[] = [];
  for (const ticker of tickers) {
    const tickerSamples = stocknetSamplesOf(ticker, await readStocknetPrices(dir, ticker));
    if (options.withTweets === true) await attachTweets(dir, ticker, tickerSamples);
    samples.push(...tickerSamples);
  }
  return samples;
}

/**
 * Builds the target day `date` of one ticker, for any trading day with enough history,
 * including days outside the study period or with a move in the dropped band. There,
 * `split` or `label` is undefined.
 *
 * @throws InvalidInputError when `date` is not `YYYY-MM-DD`, is not a trading day of the
 *   ticker (naming the nearest ones), or has fewer than `STOCKNET_HISTORY_DAYS` trading
 *   days before it (naming the first date that has enough).
 * @example
 * const lookup = await findStocknetSample("data/stocknet", "AAPL", "2015-11-02");
 */
export async function findStocknetSample(
  dir: string,
  ticker: string,
  date: string,
  options: Pick<StocknetSampleOptions, "withTweets"> = {},
): Promise<StocknetLookup> {
  if (!isIsoDate(date)) {
    throw new InvalidInputError(`findStocknetSample: date must be a calendar date written as YYYY-MM-DD, received "${date}"`);
  }
  const bars = await readStocknetPrices(dir, ticker);
  const index = bars.findIndex((bar) => bar.date === date);
  if (index < 0) throw notATradingDay(ticker, date, bars);

  const lookup = stocknetLookupAt(ticker, bars, index);
  if (lookup === undefined) {
    const firstUsable = bars[STOCKNET_HISTORY_DAYS]?.date;
    throw new InvalidInputError(
      `findStocknetSample: ${ticker} on ${date} has ${index} earlier trading days, but a sample needs ` +
        `${STOCKNET_HISTORY_DAYS} (the 5-day window and the day before it). ` +
        (firstUsable === undefined ? `${ticker} has too few prices for any sample.` : `The first usable date is ${firstUsable}.`),
    );
  }
  if (options.withTweets === true) await attachTweets(dir, ticker, [lookup]);
  return lookup;
}

/**
 * Reads the tweets of a sample's `tweetDays`, sorted by time.
 *
 * @example
 * const tweets = await loadSampleTweets("data/stocknet", samples[0]);
 */
export async function loadSampleTweets(
  dir: string,
  sample: Pick<StocknetSampleFields, "ticker" | "tweetDays">,
): Promise<StocknetTweet[]> {
  const [fromDay, toDay] = sample.tweetDays;
  return readStocknetTweets(dir, sample.ticker, fromDay, toDay);
}

/** Sets `texts` on samples of one ticker, reading each of its day files once. */
async function attachTweets(dir: string, ticker: string, samples: StocknetSampleFields[]): Promise<void> {
  if (samples.length === 0) return;
  const fromDay = samples.reduce((min, sample) => (sample.tweetDays[0] < min ? sample.tweetDays[0] : min), "9999-12-31");
  const toDay = samples.reduce((max, sample) => (sample.tweetDays[1] > max ? sample.tweetDays[1] : max), "0000-01-01");
  const byDay = await readStocknetTweetDays(dir, ticker, fromDay, toDay);
  for (const sample of samples) {
    sample.texts = collectTweets(byDay, sample.tweetDays[0], sample.tweetDays[1]).map((tweet) => tweet.text);
  }
}

function notATradingDay(ticker: string, date: string, bars: readonly PriceBar[]): InvalidInputError {
  if (bars.length === 0) {
    return new InvalidInputError(`findStocknetSample: the price file of ${ticker} has no rows.`);
  }
  const first = bars[0].date;
  const last = bars[bars.length - 1].date;
  if (date < first || date > last) {
    return new InvalidInputError(
      `findStocknetSample: ${date} is outside the prices of ${ticker}, which run from ${first} to ${last}.`,
    );
  }
  const after = bars.findIndex((bar) => bar.date > date);
  return new InvalidInputError(
    `findStocknetSample: ${date} (a ${weekdayName(date)}) is not a trading day of ${ticker}. ` +
      `The nearest trading days are ${bars[after - 1].date} and ${bars[after].date}.`,
  );
}
