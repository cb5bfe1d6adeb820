import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { InvalidInputError } from "@finfuse/tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { makeScratchDir, sharedDataDir } from "../../test/shared-data.js";
import { STOCKNET_SPLIT_NAMES } from "./splits.js";
import type { StocknetSample } from "./stocknet-protocol.js";
import {
  buildStocknetSamples,
  findStocknetSample,
  listStocknetTickers,
  loadSampleTweets,
  readStocknetPrices,
} from "./stocknet.js";

const stocknetDir = (): string => join(sharedDataDir(), "stocknet");

describe("buildStocknetSamples on the release", () => {
  let samples: StocknetSample[];
  let buildMs: number;
  beforeAll(async () => {
    const start = performance.now();
    samples = await buildStocknetSamples(stocknetDir());
    buildMs = performance.now() - start;
  });

  it("matches the published split sizes", () => {
    const counts = STOCKNET_SPLIT_NAMES.map((split) => samples.filter((sample) => sample.split === split).length);
    expect(counts).toEqual([20_339, 2_555, 3_720]);
  });

  it("matches the published up shares", () => {
    const shares = STOCKNET_SPLIT_NAMES.map((split) => {
      const inSplit = samples.filter((sample) => sample.split === split);
      const up = inSplit.filter((sample) => sample.label === 1).length;
      return ((100 * up) / inSplit.length).toFixed(1);
    });
    expect(shares).toEqual(["50.7", "44.6", "51.3"]);
  });

  it("builds 5-day windows before the target", () => {
    for (const sample of samples) {
      expect(sample.window).toHaveLength(5);
      expect(sample.window[4].date < sample.targetDate).toBe(true);
      expect(sample.tweetDays[0]).toBe(sample.window[0].date);
      expect(sample.texts).toBeUndefined();
    }
  });

  it("builds in under 10 s", () => {
    expect(buildMs).toBeLessThan(10_000);
  });

  it("agrees with findStocknetSample", async () => {
    const built = samples.find((sample) => sample.ticker === "AAPL" && sample.targetDate === "2015-11-02");
    const found = await findStocknetSample(stocknetDir(), "AAPL", "2015-11-02");
    expect(found).toEqual(built);
    expect(found.move).toBe(0.014058);
    expect(found.label).toBe(1);
    expect(found.split).toBe("test");
    expect(found.tweetDays).toEqual(["2015-10-26", "2015-11-01"]);
  });
});

describe("buildStocknetSamples with tweets", () => {
  it("attaches the texts of the tweet days", async () => {
    const samples = await buildStocknetSamples(stocknetDir(), { tickers: ["AAPL"], withTweets: true });
    expect(samples).toHaveLength(336);
    const sample = samples.find((candidate) => candidate.targetDate === "2015-11-02")!;
    const tweets = await loadSampleTweets(stocknetDir(), sample);
    expect(sample.texts).toHaveLength(387);
    expect(sample.texts).toEqual(tweets.map((tweet) => tweet.text));
  });

  it("gives empty texts without a tweet folder", async () => {
    const prices = await readStocknetPrices(stocknetDir(), "GMRE");
    expect(prices[0].date).toBe("2016-06-30");
    const lookup = await findStocknetSample(stocknetDir(), "GMRE", prices[10].date, { withTweets: true });
    expect(lookup.texts).toEqual([]);
    expect(lookup.split).toBeUndefined();
  });
});

describe("StockNet readers on the release", () => {
  it("lists 88 tickers", async () => {
    const tickers = await listStocknetTickers(stocknetDir());
    expect(tickers).toHaveLength(88);
    expect(tickers).toContain("BRK-A");
    expect(tickers[0]).toBe("AAPL");
  });

  it("reads one ticker's prices", async () => {
    const bars = await readStocknetPrices(stocknetDir(), "AAPL");
    expect(bars).toHaveLength(1258);
    expect(bars[0].date).toBe("2012-09-04");
  });
});

describe("findStocknetSample", () => {
  it("names the nearest trading days", async () => {
    const finding = findStocknetSample(stocknetDir(), "AAPL", "2015-11-01");
    await expect(finding).rejects.toBeInstanceOf(InvalidInputError);
    await expect(finding).rejects.toThrow("2015-11-01 (a Sunday) is not a trading day of AAPL");
    await expect(finding).rejects.toThrow("2015-10-30 and 2015-11-02");
  });

  it("rejects a date outside the prices", async () => {
    await expect(findStocknetSample(stocknetDir(), "AAPL", "2011-01-03")).rejects.toThrow(
      "outside the prices of AAPL, which run from 2012-09-04 to 2017-09-01",
    );
  });

  it("rejects a date without history", async () => {
    const finding = findStocknetSample(stocknetDir(), "BABA", "2014-09-26");
    await expect(finding).rejects.toThrow("has 5 earlier trading days, but a sample needs 6");
    await expect(finding).rejects.toThrow("The first usable date is 2014-09-29");
  });

  it("returns a dropped-band day unlabelled", async () => {
    const lookup = await findStocknetSample(stocknetDir(), "AAPL", "2015-11-04");
    expect(lookup.move).toBe(-0.00465);
    expect(lookup.label).toBeUndefined();
    expect(lookup.split).toBe("test");
    expect(lookup.window).toHaveLength(5);
  });

  it("returns a day after the study period", async () => {
    const lookup = await findStocknetSample(stocknetDir(), "AAPL", "2016-03-01");
    expect(lookup.split).toBeUndefined();
    expect(lookup.window[4].date).toBe("2016-02-29");
  });

  it("rejects a malformed date", async () => {
    await expect(findStocknetSample(stocknetDir(), "AAPL", "2015/11/02")).rejects.toThrow("YYYY-MM-DD");
  });
});

describe("StockNet readers on own files", () => {
  let scratch: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    scratch = await makeScratchDir("stocknet");
    await mkdir(join(scratch.dir, "price", "raw"), { recursive: true });
    const header = "Date,Open,High,Low,Close,Adj Close,Volume";
    await writeFile(join(scratch.dir, "price", "raw", "GOOD.csv"), `${header}\n2015-01-02,1,1,1,1,1,1\n`);
    await writeFile(join(scratch.dir, "price", "raw", "BAD.csv"), `${header}\n2015-01-02,1,1,1,1,1,1\n2015-01-05,1,x,1,1,1,1\n`);
  });
  afterAll(() => scratch.remove());

  it("rejects a malformed price row", async () => {
    const reading = readStocknetPrices(scratch.dir, "BAD");
    await expect(reading).rejects.toBeInstanceOf(InvalidInputError);
    await expect(reading).rejects.toThrow(`${join(scratch.dir, "price", "raw", "BAD.csv")}:3: column "High" value "x"`);
  });

  it("lists known tickers for an unknown one", async () => {
    await expect(readStocknetPrices(scratch.dir, "NOPE")).rejects.toThrow("Known tickers: BAD, GOOD.");
  });

  it("rejects a path-like ticker", async () => {
    await expect(readStocknetPrices(scratch.dir, "../GOOD")).rejects.toThrow(InvalidInputError);
  });

  it("explains a missing price folder", async () => {
    const listing = listStocknetTickers(join(scratch.dir, "absent"));
    await expect(listing).rejects.toThrow("StockNet price folder not found");
    await expect(listing).rejects.toThrow("github.com/yumoxu/stocknet-dataset");
  });
});
