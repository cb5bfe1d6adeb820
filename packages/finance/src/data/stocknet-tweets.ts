/**
 * Reader for StockNet's preprocessed tweets (Node only): `tweet/preprocessed/TICKER/DAY`,
 * one JSON object a line with `text` (the release's tokens) and `created_at` (Twitter's
 * date format). The file name DAY is the `YYYY-MM-DD` day that the release grouped the
 * tweet under, and the sample protocol selects tweets by it.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

import { InvalidInputError } from "@finfuse/tensor";

import { addDays, isIsoDate } from "./iso-date.js";
import { hasErrorCode } from "./node-error.js";
import { assertStocknetTicker } from "./stocknet-protocol.js";

/** One tweet. */
export interface StocknetTweet {
  /** Creation time as ISO 8601 in UTC, such as `2014-01-02T15:45:02.000Z`. */
  time: string;
  /** Tokens joined by single spaces. The release lower-cases them and writes `AT_USER` and `URL`. */
  text: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const TWITTER_DATE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;
const MAX_OPEN_FILES = 64;

/** Returns the folder that contains one ticker's tweet day files. */
export function stocknetTweetDir(dir: string, ticker: string): string {
  return join(dir, "tweet", "preprocessed", ticker);
}

/**
 * Parses the lines of one tweet day file. Blank lines are ignored. `text` may be an
 * array of tokens, as in the release, or a plain string.
 *
 * @param source - File name used in error messages.
 * @throws InvalidInputError naming the file and line for invalid JSON, a missing or
 *   mistyped `text`, or a `created_at` not in Twitter's format.
 */
export function parseStocknetTweetLines(content: string, source: string): StocknetTweet[] {
  const tweets: StocknetTweet[] = [];
  content.split(/\r?\n/).forEach((lineText, index) => {
    if (lineText.trim() === "") return;
    const where = `${source}:${index + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(lineText);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InvalidInputError(`${where}: invalid JSON (${reason}). Each line must be one JSON object.`, {
        cause: error,
      });
    }
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      throw new InvalidInputError(`${where}: expected a JSON object with "text" and "created_at", received ${lineText}`);
    }
    tweets.push({
      time: parseTwitterDate("created_at" in record ? record.created_at : undefined, where),
      text: tweetText("text" in record ? record.text : undefined, where),
    });
  });
  return tweets;
}

function tweetText(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((token) => typeof token === "string")) return value.join(" ");
  throw new InvalidInputError(
    `${where}: "text" must be a string or an array of string tokens, received ${JSON.stringify(value)}`,
  );
}

/** Converts Twitter's `Thu Jan 02 15:45:02 +0000 2014` to ISO 8601 in UTC. */
function parseTwitterDate(value: unknown, where: string): string {
  const match = typeof value === "string" ? TWITTER_DATE.exec(value) : null;
  const month = match === null ? -1 : MONTHS.indexOf(match[1]);
  if (match === null || month < 0) {
    throw new InvalidInputError(
      `${where}: "created_at" must look like "Thu Jan 02 15:45:02 +0000 2014", received ${JSON.stringify(value)}`,
    );
  }
  const [, , day, hours, minutes, seconds, sign, offsetHours, offsetMinutes, year] = match;
  const offsetMs = (sign === "-" ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const localMs = Date.UTC(Number(year), month, Number(day), Number(hours), Number(minutes), Number(seconds));
  return new Date(localMs - offsetMs).toISOString();
}

/**
 * Reads one ticker's tweets from the day files `fromDay` to `toDay` (inclusive,
 * `YYYY-MM-DD`), sorted by time. Days without a file have no tweets, and a ticker
 * without a tweet folder gets an empty list (GMRE has none in the release).
 *
 * NOTE: in the public release, 7.2% of tweets have a `created_at` on the UTC day before
 * their file's day, nearly all sent after 21:00 UTC. Selection goes by file name, as the
 * protocol does, and `time` keeps the original creation time.
 *
 * @throws InvalidInputError for a day that is not `YYYY-MM-DD`, `fromDay` after `toDay`,
 *   a missing `tweet/preprocessed` folder, or a malformed line (naming file and line).
 */
export async function readStocknetTweets(
  dir: string,
  ticker: string,
  fromDay: string,
  toDay: string,
): Promise<StocknetTweet[]> {
  const days = await readStocknetTweetDays(dir, ticker, fromDay, toDay);
  return [...days.values()].flat().sort(compareTime);
}

/**
 * Reads one ticker's day files from `fromDay` to `toDay` into a map from day to tweets,
 * in file order. Days without a file are absent from the map.
 */
export async function readStocknetTweetDays(
  dir: string,
  ticker: string,
  fromDay: string,
  toDay: string,
): Promise<Map<string, StocknetTweet[]>> {
  assertStocknetTicker(ticker, "readStocknetTweets");
  for (const [name, day] of [["fromDay", fromDay], ["toDay", toDay]] as const) {
    if (!isIsoDate(day)) {
      throw new InvalidInputError(`readStocknetTweets: ${name} must be a date written as YYYY-MM-DD, received "${day}"`);
    }
  }
  if (fromDay > toDay) {
    throw new InvalidInputError(`readStocknetTweets: fromDay ${fromDay} is after toDay ${toDay}`);
  }

  const days = (await listTweetDays(dir, ticker)).filter((day) => day >= fromDay && day <= toDay);
  const byDay = new Map<string, StocknetTweet[]>();
  for (let start = 0; start < days.length; start += MAX_OPEN_FILES) {
    const batch = days.slice(start, start + MAX_OPEN_FILES);
    const contents = await Promise.all(
      batch.map((day) => readFile(join(stocknetTweetDir(dir, ticker), day), "utf8")),
    );
    batch.forEach((day, index) => {
      byDay.set(day, parseStocknetTweetLines(contents[index], join(stocknetTweetDir(dir, ticker), day)));
    });
  }
  return byDay;
}

/** Collects the tweets of the days `fromDay` to `toDay` from a map that `readStocknetTweetDays` returned, sorted by time. */
export function collectTweets(byDay: ReadonlyMap<string, StocknetTweet[]>, fromDay: string, toDay: string): StocknetTweet[] {
  const tweets: StocknetTweet[] = [];
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
    const dayTweets = byDay.get(day);
    if (dayTweets !== undefined) tweets.push(...dayTweets);
  }
  return tweets.sort(compareTime);
}

/** Lists a ticker's day file names in date order. Names that are not dates are ignored. */
async function listTweetDays(dir: string, ticker: string): Promise<string[]> {
  const root = join(dir, "tweet", "preprocessed");
  let names: string[];
  try {
    names = await readdir(stocknetTweetDir(dir, ticker));
  } catch (error) {
    if (!hasErrorCode(error, "ENOENT")) throw error;
    try {
      await readdir(root);
    } catch {
      throw new InvalidInputError(
        `StockNet tweet folder not found: ${root}. Pass the root folder of the StockNet release ` +
          "(github.com/yumoxu/stocknet-dataset), which contains tweet/preprocessed/.",
        { cause: error },
      );
    }
    return [];
  }
  return names.filter(isIsoDate).sort();
}

function compareTime(a: StocknetTweet, b: StocknetTweet): number {
  if (a.time < b.time) return -1;
  if (a.time > b.time) return 1;
  return 0;
}
