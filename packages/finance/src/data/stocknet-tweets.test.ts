import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { InvalidInputError } from "@finfuse/tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { makeScratchDir, sharedDataDir } from "../../test/shared-data.js";
import { parseStocknetTweetLines, readStocknetTweets } from "./stocknet-tweets.js";

const stocknetDir = (): string => join(sharedDataDir(), "stocknet");

describe("parseStocknetTweetLines", () => {
  it("joins tokens and converts the time", () => {
    const line = '{"text": ["$", "aapl", "up", "URL"], "created_at": "Thu Jan 02 15:45:02 +0000 2014"}';
    expect(parseStocknetTweetLines(`${line}\n`, "day")).toEqual([{ time: "2014-01-02T15:45:02.000Z", text: "$ aapl up URL" }]);
  });

  it("accepts string text and offsets", () => {
    const line = '{"text": "plain text", "created_at": "Fri Jan 03 01:30:00 -0500 2014"}';
    expect(parseStocknetTweetLines(line, "day")).toEqual([{ time: "2014-01-03T06:30:00.000Z", text: "plain text" }]);
  });

  it("names file and line of bad JSON", () => {
    const good = '{"text": [], "created_at": "Thu Jan 02 15:45:02 +0000 2014"}';
    expect(() => parseStocknetTweetLines(`${good}\n\n{"text": [`, "AAPL/2014-01-02")).toThrow(/^AAPL\/2014-01-02:3: invalid JSON/);
  });

  it("rejects a bad text field", () => {
    const line = '{"text": ["a", 1], "created_at": "Thu Jan 02 15:45:02 +0000 2014"}';
    expect(() => parseStocknetTweetLines(line, "day")).toThrow('day:1: "text" must be a string or an array of string tokens');
  });

  it("rejects a bad created_at", () => {
    for (const createdAt of ["2014-01-02T15:45:02Z", "Thu Foo 02 15:45:02 +0000 2014"]) {
      const line = JSON.stringify({ text: "x", created_at: createdAt });
      expect(() => parseStocknetTweetLines(line, "day")).toThrow(InvalidInputError);
    }
  });

  it("rejects a non-object line", () => {
    expect(() => parseStocknetTweetLines("[1, 2]", "day")).toThrow("day:1: expected a JSON object");
  });
});

describe("readStocknetTweets on the release", () => {
  it("reads five day files in time order", async () => {
    const tweets = await readStocknetTweets(stocknetDir(), "AAPL", "2014-01-01", "2014-01-05");
    expect(tweets).toHaveLength(71);
    expect(tweets[0].time).toBe("2013-12-31T23:10:08.000Z");
    const times = tweets.map((tweet) => tweet.time);
    expect(times).toEqual([...times].sort());
  });

  it("returns nothing for GMRE", async () => {
    expect(await readStocknetTweets(stocknetDir(), "GMRE", "2014-01-01", "2015-12-31")).toEqual([]);
  });
});

describe("readStocknetTweets on own files", () => {
  let scratch: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    scratch = await makeScratchDir("tweets");
    const tickerDir = join(scratch.dir, "tweet", "preprocessed", "TEST");
    await mkdir(tickerDir, { recursive: true });
    const tweet = (text: string, createdAt: string): string => JSON.stringify({ text: text.split(" "), created_at: createdAt });
    await writeFile(join(tickerDir, "2015-01-05"), `${tweet("late one", "Mon Jan 05 20:00:00 +0000 2015")}\n${tweet("early one", "Mon Jan 05 09:00:00 +0000 2015")}\n`);
    await writeFile(join(tickerDir, "2015-01-07"), `${tweet("next day", "Wed Jan 07 10:00:00 +0000 2015")}\n`);
    await writeFile(join(tickerDir, "2015-01-09"), `${tweet("fine", "Fri Jan 09 10:00:00 +0000 2015")}\nnot json\n`);
    await writeFile(join(tickerDir, ".DS_Store"), "ignored");
  });
  afterAll(() => scratch.remove());

  it("sorts by time across days", async () => {
    const tweets = await readStocknetTweets(scratch.dir, "TEST", "2015-01-04", "2015-01-08");
    expect(tweets.map((tweet) => tweet.text)).toEqual(["early one", "late one", "next day"]);
  });

  it("includes both end days", async () => {
    const tweets = await readStocknetTweets(scratch.dir, "TEST", "2015-01-05", "2015-01-07");
    expect(tweets).toHaveLength(3);
  });

  it("names file and line of a malformed line", async () => {
    await expect(readStocknetTweets(scratch.dir, "TEST", "2015-01-01", "2015-01-31")).rejects.toThrow(
      `${join(scratch.dir, "tweet", "preprocessed", "TEST", "2015-01-09")}:2: invalid JSON`,
    );
  });

  it("returns nothing for a ticker without folder", async () => {
    expect(await readStocknetTweets(scratch.dir, "OTHER", "2015-01-01", "2015-01-31")).toEqual([]);
  });

  it("explains a missing tweet folder", async () => {
    await expect(readStocknetTweets(join(scratch.dir, "absent"), "TEST", "2015-01-01", "2015-01-31")).rejects.toThrow(
      "StockNet tweet folder not found",
    );
  });

  it("rejects reversed or malformed days", async () => {
    await expect(readStocknetTweets(scratch.dir, "TEST", "2015-01-09", "2015-01-01")).rejects.toThrow("is after toDay");
    await expect(readStocknetTweets(scratch.dir, "TEST", "2015-1-1", "2015-01-09")).rejects.toThrow("fromDay must be a date");
  });
});
