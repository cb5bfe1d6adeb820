/**
 * StockNet's chronological splits (Xu and Cohen, 2018, "Stock Movement Prediction from
 * Tweets and Historical Prices", ACL). A sample belongs to the split that contains its
 * target date. This file is the single source of the boundaries. Browser-safe.
 */
import { InvalidInputError } from "@finfuse/tensor";

import { isIsoDate } from "./iso-date.js";

/** Split names in chronological order. */
export const STOCKNET_SPLIT_NAMES = ["train", "dev", "test"] as const;

/** Name of a StockNet split. */
export type StocknetSplit = (typeof STOCKNET_SPLIT_NAMES)[number];

/** Half-open date range `[start, end)` of `YYYY-MM-DD` dates. */
export interface DateRange {
  readonly start: string;
  readonly end: string;
}

/** Target-date range of each split. Each `end` is exclusive and equals the next `start`. */
export const STOCKNET_SPLITS: Readonly<Record<StocknetSplit, DateRange>> = Object.freeze({
  train: Object.freeze({ start: "2014-01-01", end: "2015-08-01" }),
  dev: Object.freeze({ start: "2015-08-01", end: "2015-10-01" }),
  test: Object.freeze({ start: "2015-10-01", end: "2016-01-01" }),
});

/** Target-date range of the whole study period, `[2014-01-01, 2016-01-01)`. */
export const STOCKNET_STUDY_PERIOD: DateRange = Object.freeze({
  start: STOCKNET_SPLITS.train.start,
  end: STOCKNET_SPLITS.test.end,
});

/**
 * Returns the split whose target-date range contains `date`, or undefined for a date
 * outside the study period.
 *
 * @throws InvalidInputError if `date` is not a calendar date written as `YYYY-MM-DD`.
 * @example
 * stocknetSplitOf("2015-09-30"); // "dev"
 */
export function stocknetSplitOf(date: string): StocknetSplit | undefined {
  if (!isIsoDate(date)) {
    throw new InvalidInputError(
      `stocknetSplitOf: date must be a calendar date written as YYYY-MM-DD, received "${date}"`,
    );
  }
  return STOCKNET_SPLIT_NAMES.find((name) => {
    const range = STOCKNET_SPLITS[name];
    return date >= range.start && date < range.end;
  });
}
