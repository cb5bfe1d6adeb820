import { cp, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";

import { findStocknetSample, readStocknetPrices, readStocknetTweets, stocknetSamplesOf } from "@finfuse/finance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { makeScratchDir, postJson, readError, sharedStocknetDir, startServer, type RunningServer } from "./support/test-server.js";

interface DatesBody {
  ticker: string;
  dates: { date: string; split: string; label: string }[];
}

interface WindowBody {
  ticker: string;
  date: string;
  prices: { date: string }[];
  texts: { time: string; text: string }[];
  label?: string;
  move: number;
}

describe("GET /v1/stocknet", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const get = (path: string): Promise<Response> => fetch(`${server.url}/v1/stocknet/${path}`);

  it("lists the tickers", async () => {
    const response = await get("tickers");
    expect(response.status).toBe(200);
    const { tickers } = (await response.json()) as { tickers: string[] };
    expect(tickers).toHaveLength(88);
    expect(tickers).toContain("AAPL");
    expect(tickers).toContain("BRK-A");
    expect([...tickers].sort()).toEqual(tickers);
  });

  it("lists the labelled dates of a ticker", async () => {
    const response = await get("AAPL/dates");
    expect(response.status).toBe(200);
    const body = (await response.json()) as DatesBody;
    expect(body.ticker).toBe("AAPL");
    const samples = stocknetSamplesOf("AAPL", await readStocknetPrices(sharedStocknetDir(), "AAPL"));
    expect(body.dates).toEqual(samples.map((sample) => ({ date: sample.targetDate, split: sample.split, label: sample.label === 1 ? "up" : "down" })));
    const target = body.dates.find((entry) => entry.date === "2015-11-02");
    expect(target).toEqual({ date: "2015-11-02", split: "test", label: expect.stringMatching(/^(up|down)$/) });
    for (const entry of body.dates) {
      expect(entry.date >= "2014-01-01").toBe(true);
      expect(entry.date < "2016-01-01").toBe(true);
      expect(["train", "dev", "test"]).toContain(entry.split);
    }
  });

  it("serves a ticker with a class suffix", async () => {
    const response = await get("BRK-A/dates");
    expect(response.status).toBe(200);
    expect(((await response.json()) as DatesBody).dates.length).toBeGreaterThan(0);
  });

  it("returns the window of a target date", async () => {
    const response = await get("AAPL/2015-11-02");
    expect(response.status).toBe(200);
    const body = (await response.json()) as WindowBody;
    const sample = await findStocknetSample(sharedStocknetDir(), "AAPL", "2015-11-02");
    expect(body.ticker).toBe("AAPL");
    expect(body.date).toBe("2015-11-02");
    expect(body.prices).toEqual(sample.window);
    expect(body.move).toBe(sample.move);
    expect(body.label).toBe(sample.label === 1 ? "up" : "down");
    expect(body.texts).toEqual(await readStocknetTweets(sharedStocknetDir(), "AAPL", ...sample.tweetDays));
  });

  it("agrees with the dates list on the label", async () => {
    const dates = ((await (await get("AAPL/dates")).json()) as DatesBody).dates;
    const window = (await (await get("AAPL/2015-11-02")).json()) as WindowBody;
    expect(window.label).toBe(dates.find((entry) => entry.date === "2015-11-02")?.label);
  });

  it("omits the label inside the dropped band", async () => {
    const bars = await readStocknetPrices(sharedStocknetDir(), "AAPL");
    const study = bars.filter((bar) => bar.date >= "2015-01-01" && bar.date < "2016-01-01").map((bar) => bar.date);
    const dates = new Set(((await (await get("AAPL/dates")).json()) as DatesBody).dates.map((entry) => entry.date));
    const unlabelled = study.find((date) => !dates.has(date));
    expect(unlabelled).toBeDefined();
    const body = (await (await get(`AAPL/${unlabelled}`)).json()) as WindowBody;
    expect(body.label).toBeUndefined();
    expect(Math.abs(body.move)).toBeLessThan(0.0055);
  });

  it("rejects an unknown ticker with 404", async () => {
    const response = await get("ZZZZ/2015-11-02");
    expect(response.status).toBe(404);
    const error = await readError(response);
    expect(error.code).toBe("not_found");
    expect(error.message).toContain('"ZZZZ"');
  });

  it("rejects an unknown ticker's dates with 404", async () => {
    const response = await get("ZZZZ/dates");
    expect(response.status).toBe(404);
    expect((await readError(response)).code).toBe("not_found");
  });

  it("reads a lower-case ticker as upper case", async () => {
    const response = await get("aapl/2015-11-02");
    expect(response.status).toBe(200);
    expect(((await response.json()) as { ticker: string }).ticker).toBe("AAPL");
  });

  it("rejects a ticker of 7 letters", async () => {
    const response = await get("ABCDEFG/dates");
    expect(response.status).toBe(400);
    expect((await readError(response)).message).toContain("params.ticker");
  });

  it("rejects a path-like ticker", async () => {
    const response = await get("..%2F..%2Fetc/2015-11-02");
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe("invalid_input");
  });

  it("rejects a malformed date", async () => {
    const response = await get("AAPL/2015-02-30");
    expect(response.status).toBe(400);
    expect((await readError(response)).message).toContain("params.date");
  });

  it("rejects a non-trading date with its neighbours", async () => {
    const response = await get("AAPL/2015-11-01");
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("2015-10-30");
    expect(error.message).toContain("2015-11-02");
  });

  it("rejects a date without enough history", async () => {
    const bars = await readStocknetPrices(sharedStocknetDir(), "AAPL");
    const response = await get(`AAPL/${bars[2].date}`);
    expect(response.status).toBe(400);
    expect((await readError(response)).message).toContain(bars[6].date);
  });

  it("rejects a date outside the prices", async () => {
    const response = await get("AAPL/2030-01-02");
    expect(response.status).toBe(400);
    expect((await readError(response)).message).toContain("outside the prices");
  });
});

describe("StockNet price cache", () => {
  let server: RunningServer;
  let data: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    data = await makeScratchDir("stocknet");
    await mkdir(join(data.dir, "price", "raw"), { recursive: true });
    await mkdir(join(data.dir, "tweet", "preprocessed"), { recursive: true });
    await cp(join(sharedStocknetDir(), "price", "raw", "AAPL.csv"), join(data.dir, "price", "raw", "AAPL.csv"));
    server = await startServer({ stocknetDir: data.dir });
  });
  afterAll(async () => {
    await server?.close();
    await data.remove();
  });

  it("keeps prices after the file is gone", async () => {
    const first = await fetch(`${server.url}/v1/stocknet/AAPL/2015-11-02`);
    expect(first.status).toBe(200);
    const before = (await first.json()) as WindowBody;
    expect(before.texts).toEqual([]);

    await rm(join(data.dir, "price", "raw", "AAPL.csv"));
    const second = await fetch(`${server.url}/v1/stocknet/AAPL/2015-11-02`);
    expect(second.status).toBe(200);
    expect(((await second.json()) as WindowBody).prices).toEqual(before.prices);
  });
});

describe("server without StockNet data", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ stocknetDir: undefined });
  });
  afterAll(() => server.close());

  for (const path of ["tickers", "AAPL/dates", "AAPL/2015-11-02"]) {
    it(`answers ${path} with 404 and a hint`, async () => {
      const response = await fetch(`${server.url}/v1/stocknet/${path}`);
      expect(response.status).toBe(404);
      const error = await readError(response);
      expect(error.code).toBe("not_found");
      expect(error.message).toContain("FINFUSE_STOCKNET_DIR");
    });
  }

  it("reports stocknet false in health", async () => {
    const body = (await (await fetch(`${server.url}/health`)).json()) as { stocknet: boolean };
    expect(body.stocknet).toBe(false);
  });

  it("still serves sentiment", async () => {
    const response = await postJson(`${server.url}/v1/sentiment`, { texts: ["Operating profit rose to EUR 13.1 mn."] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: unknown[] };
    expect(body.results).toHaveLength(1);
  });
});
