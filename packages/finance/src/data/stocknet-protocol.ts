/**
 * StockNet's labelling protocol (Xu and Cohen, 2018, "Stock Movement Prediction from
 * Tweets and Historical Prices", ACL), applied to one ticker's price bars. Browser-safe:
 * the file reading lives in `stocknet.ts`.
 *
 * The target of trading day d is the move m = adjClose(d) / adjClose(d - 1) - 1, rounded
 * to 6 decimals as in the public release. It is up when m >= 0.55% and down when
 * m < -0.5%. Days in between are dropped. The inputs are the 5 trading days before d,
 * and the tweets filed under the calendar days from the first of them to the day before d.
 */
import { InvalidInputError } from "@finfuse/tensor";

import { addDays } from "./iso-date.js";
import type { PriceBar } from "./price-csv.js";
import { stocknetSplitOf, type StocknetSplit } from "./splits.js";

/** Trading days in the lag window before the target day. */
export const STOCKNET_LAG_DAYS = 5;

/**
 * Trading days a target needs before it: the lag window plus the day before the window,
 * whose adjusted close normalises the window's first day.
 *
 * NOTE: the extra day is inferred from the published sample counts. With it, the study
 * period yields exactly 20,339 / 2,555 / 3,720 samples. Without it, train gains one sample
 * (BABA on 2014-09-26, its 6th trading day counting the listing day).
 */
export const STOCKNET_HISTORY_DAYS = STOCKNET_LAG_DAYS + 1;

/** Smallest move labelled up (+0.55%). */
export const STOCKNET_UP_THRESHOLD = 0.0055;

/** Moves strictly below this are labelled down (-0.5%). */
export const STOCKNET_DOWN_THRESHOLD = -0.005;

/** Binary target: 1 for up, 0 for down. */
export type StocknetLabel = 0 | 1;

/** Fields that every StockNet target day has, labelled or not. */
export interface StocknetSampleFields {
  ticker: string;
  /** Trading day whose move is predicted, as `YYYY-MM-DD`. */
  targetDate: string;
  /** adjClose(targetDate) / adjClose(previous trading day) - 1, rounded to 6 decimals. */
  move: number;
  /** The 5 trading days before `targetDate`, oldest first. */
  window: PriceBar[];
  /** Adjusted close of the trading day before `window[0]`, for normalising the window's prices. */
  previousAdjClose: number;
  /** First and last tweet day files of the input (inclusive): `window[0].date` and the calendar day before `targetDate`. */
  tweetDays: [string, string];
  /** Tweet texts of `tweetDays` in time order. Set only when tweets were requested. */
  texts?: string[];
}

/** Labelled sample inside the study period. */
export interface StocknetSample extends StocknetSampleFields {
  label: StocknetLabel;
  split: StocknetSplit;
}

/**
 * Any target day with enough history. `label` is undefined when the move falls in the
 * dropped band, and `split` when the date lies outside the study period.
 */
export interface StocknetLookup extends StocknetSampleFields {
  label: StocknetLabel | undefined;
  split: StocknetSplit | undefined;
}

/** Returns adjClose / previousAdjClose - 1, rounded to 6 decimals. */
export function stocknetMove(previousAdjClose: number, adjClose: number): number {
  // Math.round sends exact halves towards +infinity, where Python's round() sends them to
  // the even digit. The release has one exact half (AGFS on 2016-04-07, -0.0390625), and
  // both give -0.039062 there.
  return Math.round((adjClose / previousAdjClose - 1) * 1e6) / 1e6;
}

/** Labels a move: 1 (up), 0 (down), or undefined inside the dropped band. */
export function labelStocknetMove(move: number): StocknetLabel | undefined {
  if (move >= STOCKNET_UP_THRESHOLD) return 1;
  if (move < STOCKNET_DOWN_THRESHOLD) return 0;
  return undefined;
}

/**
 * Builds the target day at `bars[index]`, or returns undefined when fewer than
 * `STOCKNET_HISTORY_DAYS` bars precede it. `bars` must be sorted by date, as
 * `parsePriceCsv` returns them.
 */
export function stocknetLookupAt(ticker: string, bars: readonly PriceBar[], index: number): StocknetLookup | undefined {
  if (index < STOCKNET_HISTORY_DAYS || index >= bars.length) return undefined;
  const target = bars[index];
  const window = bars.slice(index - STOCKNET_LAG_DAYS, index);
  const move = stocknetMove(bars[index - 1].adjClose, target.adjClose);
  return {
    ticker,
    targetDate: target.date,
    move,
    label: labelStocknetMove(move),
    split: stocknetSplitOf(target.date),
    window,
    previousAdjClose: bars[index - STOCKNET_LAG_DAYS - 1].adjClose,
    tweetDays: [window[0].date, addDays(target.date, -1)],
  };
}

/** Builds every labelled sample of one ticker inside the study period, oldest first. */
export function stocknetSamplesOf(ticker: string, bars: readonly PriceBar[]): StocknetSample[] {
  const samples: StocknetSample[] = [];
  for (let index = STOCKNET_HISTORY_DAYS; index < bars.length; index++) {
    if (stocknetSplitOf(bars[index].date) === undefined) continue;
    const lookup = stocknetLookupAt(ticker, bars, index);
    if (lookup !== undefined && isSample(lookup)) samples.push(lookup);
  }
  return samples;
}

/** Returns true when a target day is labelled and inside the study period. */
export function isSample(lookup: StocknetLookup): lookup is StocknetSample {
  return lookup.label !== undefined && lookup.split !== undefined;
}

const TICKER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

/**
 * Checks that `ticker` is a plain symbol such as `BRK-A`, so that it cannot escape the
 * data folder when it becomes part of a path.
 *
 * @throws InvalidInputError naming `caller` otherwise.
 */
export function assertStocknetTicker(ticker: string, caller: string): void {
  if (!TICKER_PATTERN.test(ticker)) {
    throw new InvalidInputError(
      `${caller}: ticker must contain only letters, digits, "." and "-", such as "AAPL" or "BRK-A", received "${ticker}"`,
    );
  }
}
