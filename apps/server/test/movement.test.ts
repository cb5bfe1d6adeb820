import { join } from "node:path";

import { DEFAULT_MODELS_DIR, MAX_WINDOW_TEXTS, MovementPredictor, type MovementPrediction, type PriceBar } from "@finfuse/finance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { postJson, postText, readError, startServer, type RunningServer } from "./support/test-server.js";

const TICKER = "AAPL";
const TARGET_DATE = "2015-11-02";

interface WindowBody {
  ticker: string;
  date: string;
  prices: PriceBar[];
  texts: { time: string; text: string }[];
  label?: string;
  move: number;
}

describe("POST /v1/movement", () => {
  let server: RunningServer;
  let endpoint: string;
  let window: WindowBody;
  beforeAll(async () => {
    server = await startServer();
    endpoint = `${server.url}/v1/movement`;
    const response = await fetch(`${server.url}/v1/stocknet/${TICKER}/${TARGET_DATE}`);
    expect(response.status).toBe(200);
    window = (await response.json()) as WindowBody;
  });
  afterAll(() => server.close());

  const withPrices = (edit: (prices: PriceBar[]) => void): WindowBody => {
    const prices = window.prices.map((bar) => ({ ...bar }));
    edit(prices);
    return { ...window, prices };
  };

  const expectInvalid = async (body: unknown, fragment: string): Promise<string> => {
    const response = await postJson(endpoint, body);
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain(fragment);
    return error.message;
  };

  it("predicts a StockNet window posted unchanged", async () => {
    expect(window.texts.length).toBeGreaterThan(0);
    const response = await postJson(endpoint, window);
    expect(response.status).toBe(200);
    const prediction = (await response.json()) as MovementPrediction;

    expect(prediction.ticker).toBe(TICKER);
    expect(prediction.date).toBe(TARGET_DATE);
    expect(["up", "down"]).toContain(prediction.label);
    expect(prediction.probabilities.up).toBe(prediction.probabilityUp);
    expect(prediction.probabilities.up + prediction.probabilities.down).toBeCloseTo(1, 6);
    expect(prediction.label).toBe(prediction.probabilityUp >= 0.5 ? "up" : "down");
    expect(prediction.days).toEqual(window.prices.map((bar) => bar.date));
    expect(prediction.tokens[0]).toBe("[CLS]");
    expect(prediction.tokens.at(-1)).toBe("[SEP]");

    expect(prediction.textToDayAttention).toHaveLength(prediction.tokens.length);
    for (const row of prediction.textToDayAttention) {
      expect(row).toHaveLength(prediction.days.length);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    expect(prediction.dayToTextAttention).toHaveLength(prediction.days.length);
    for (const row of prediction.dayToTextAttention) expect(row).toHaveLength(prediction.tokens.length);
    expect(prediction.topWords.length).toBeGreaterThan(0);
    for (const word of prediction.topWords) expect(prediction.days).toContain(word.day);
  });

  it("matches the finance API exactly", async () => {
    const response = await postJson(endpoint, window);
    const prediction = (await response.json()) as MovementPrediction;
    const model = await MovementPredictor.load(join(DEFAULT_MODELS_DIR, "finfuse-movement-mini"));
    try {
      const direct = await model.predict({ ticker: window.ticker, date: window.date, prices: window.prices, texts: window.texts });
      expect(prediction).toEqual(direct);
    } finally {
      await model.dispose();
    }
  });

  it("accepts a window without texts", async () => {
    const response = await postJson(endpoint, { prices: window.prices });
    expect(response.status).toBe(200);
    const prediction = (await response.json()) as MovementPrediction;
    expect(prediction.tokens).toEqual(["[CLS]", "[SEP]"]);
    expect(prediction.ticker).toBeUndefined();
  });

  it("rejects 4 price bars", async () => {
    await expectInvalid({ ...window, prices: window.prices.slice(1) }, "prices");
  });

  it("rejects a missing prices field", async () => {
    await expectInvalid({ texts: window.texts }, "body.prices is required");
  });

  it("rejects a price given as a string", async () => {
    await expectInvalid(withPrices((prices) => (prices[2].close = "119.27" as unknown as number)), "body.prices[2].close must be number");
  });

  it("rejects a bar without volume", async () => {
    const body = withPrices((prices) => delete (prices[4] as Partial<PriceBar>).volume);
    await expectInvalid(body, "body.prices[4].volume is required");
  });

  it("rejects a negative price naming the bar", async () => {
    await expectInvalid(withPrices((prices) => (prices[1].low = -3)), "body.prices[1].low must be > 0");
  });

  it("rejects high below low naming the bar", async () => {
    const message = await expectInvalid(
      withPrices((prices) => {
        prices[3].high = prices[3].low / 2;
      }),
      "[3]",
    );
    expect(message).toMatch(/high/);
  });

  it("rejects an infinite price", async () => {
    const text = JSON.stringify(window).replace(`"open":${window.prices[0].open}`, '"open":1e999');
    const response = await postText(endpoint, text);
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("[0]");
  });

  it("rejects dates out of order", async () => {
    const body = withPrices((prices) => prices.reverse());
    await expectInvalid(body, "date");
  });

  it("rejects a malformed bar date", async () => {
    await expectInvalid(withPrices((prices) => (prices[0].date = "2015-10-32")), "body.prices[0].date must match format");
  });

  it("rejects a malformed target date", async () => {
    await expectInvalid({ ...window, date: "02/11/2015" }, "body.date must match format");
  });

  it("rejects a text without time", async () => {
    await expectInvalid({ ...window, texts: [{ text: "apple beats estimates" }] }, "body.texts[0].time is required");
  });

  it("rejects a time that is not a date", async () => {
    await expectInvalid({ ...window, texts: [{ time: "yesterday", text: "apple beats estimates" }] }, "texts[0].time");
  });

  it("rejects more texts than the limit", async () => {
    const texts = Array.from({ length: MAX_WINDOW_TEXTS + 1 }, () => ({ time: "2015-10-30T15:00:00Z", text: "aapl" }));
    await expectInvalid({ ...window, texts }, `body.texts must NOT have more than ${MAX_WINDOW_TEXTS} items`);
  });

  it("rejects an unknown property", async () => {
    await expectInvalid({ ...window, horizon: 5 }, 'unknown property "horizon"');
  });

  it("rejects a truncated body", async () => {
    const text = JSON.stringify(window);
    const response = await postText(endpoint, text.slice(0, Math.floor(text.length / 2)));
    expect(response.status).toBe(400);
    expect((await readError(response)).message).toContain("not valid JSON");
  });
});
