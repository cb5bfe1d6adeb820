import { join } from "node:path";

import { DEFAULT_MODELS_DIR, SENTIMENT_LABELS, SentimentModel } from "@finfuse/finance";
import { MAX_TEXT_CHARS } from "@finfuse/text";
import { MAX_REQUEST_TEXTS } from "../src/schemas/sentiment.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { postJson, postText, readError, startServer, type RunningServer } from "./support/test-server.js";

const TEXTS = [
  "Operating profit rose to EUR 13.1 mn from EUR 8.7 mn in the corresponding period in 2007.",
  "The company expects net sales to decline significantly and will cut 120 jobs.",
  "The annual general meeting will be held in Helsinki on 25 March.",
];

interface SentimentBody {
  results: { text: string; label: string; probabilities: Record<string, number> }[];
}

describe("POST /v1/sentiment", () => {
  let server: RunningServer;
  let endpoint: string;
  beforeAll(async () => {
    server = await startServer();
    endpoint = `${server.url}/v1/sentiment`;
  });
  afterAll(() => server.close());

  it("returns one result per text", async () => {
    const response = await postJson(endpoint, { texts: TEXTS });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as SentimentBody;
    expect(results).toHaveLength(TEXTS.length);
    results.forEach((result, i) => {
      expect(result.text).toBe(TEXTS[i]);
      expect(Object.keys(result.probabilities).sort()).toEqual([...SENTIMENT_LABELS].sort());
      const sum = Object.values(result.probabilities).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 5);
      const argmax = Object.entries(result.probabilities).reduce((best, entry) => (entry[1] > best[1] ? entry : best));
      expect(result.label).toBe(argmax[0]);
    });
  });

  it("matches the finance API exactly", async () => {
    const response = await postJson(endpoint, { texts: TEXTS });
    const { results } = (await response.json()) as SentimentBody;
    const model = await SentimentModel.load(join(DEFAULT_MODELS_DIR, "finfuse-sentiment-mini"));
    try {
      expect(results).toEqual(await model.classify(TEXTS));
    } finally {
      await model.dispose();
    }
  });

  it("serves concurrent requests from one model", async () => {
    const responses = await Promise.all(TEXTS.map((text) => postJson(endpoint, { texts: [text] })));
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as SentimentBody[];
    const together = (await (await postJson(endpoint, { texts: TEXTS })).json()) as SentimentBody;
    bodies.forEach((body, i) => {
      expect(body.results[0].label).toBe(together.results[i].label);
      for (const label of SENTIMENT_LABELS) {
        expect(body.results[0].probabilities[label]).toBeCloseTo(together.results[i].probabilities[label], 5);
      }
    });
  });

  it("accepts the maximum batch", async () => {
    const texts = Array.from({ length: MAX_REQUEST_TEXTS }, (_, i) => `Quarterly revenue grew ${i} percent.`);
    const response = await postJson(endpoint, { texts });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as SentimentBody;
    expect(results).toHaveLength(MAX_REQUEST_TEXTS);
  });
});

describe("POST /v1/sentiment rejects", () => {
  let server: RunningServer;
  let endpoint: string;
  beforeAll(async () => {
    server = await startServer();
    endpoint = `${server.url}/v1/sentiment`;
  });
  afterAll(() => server.close());

  const expectInvalid = async (response: Response, fieldOrPhrase: string): Promise<void> => {
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain(fieldOrPhrase);
  };

  it("malformed JSON", async () => {
    await expectInvalid(await postText(endpoint, "{texts: ['no quotes']}"), "not valid JSON");
  });

  it("a body cut in half", async () => {
    const text = JSON.stringify({ texts: TEXTS });
    await expectInvalid(await postText(endpoint, text.slice(0, Math.floor(text.length / 2))), "not valid JSON");
  });

  it("an empty body", async () => {
    await expectInvalid(await postText(endpoint, ""), "empty");
  });

  it("a missing texts field", async () => {
    await expectInvalid(await postJson(endpoint, {}), "body.texts is required");
  });

  it("texts that is a string", async () => {
    await expectInvalid(await postJson(endpoint, { texts: "Profit rose." }), "body.texts must be array");
  });

  it("a text that is a number", async () => {
    await expectInvalid(await postJson(endpoint, { texts: ["Profit rose.", 5] }), "body.texts[1] must be string");
  });

  it("a body that is an array", async () => {
    await expectInvalid(await postJson(endpoint, TEXTS), "body must be object");
  });

  it("an unknown property", async () => {
    await expectInvalid(await postJson(endpoint, { texts: TEXTS, model: "finbert" }), 'unknown property "model"');
  });

  it("an empty list", async () => {
    await expectInvalid(await postJson(endpoint, { texts: [] }), "body.texts");
  });

  it("an empty text", async () => {
    await expectInvalid(await postJson(endpoint, { texts: ["Profit rose.", ""] }), "body.texts[1]");
  });

  it("a whitespace-only text", async () => {
    await expectInvalid(await postJson(endpoint, { texts: ["Profit rose.", "   "] }), "texts[1]");
  });

  it("more texts than the limit", async () => {
    const texts = Array.from({ length: MAX_REQUEST_TEXTS + 1 }, () => "Profit rose.");
    await expectInvalid(await postJson(endpoint, { texts }), `body.texts must NOT have more than ${MAX_REQUEST_TEXTS} items`);
  });

  it("a text longer than the limit", async () => {
    const texts = ["Profit rose.", "a".repeat(MAX_TEXT_CHARS + 1)];
    await expectInvalid(await postJson(endpoint, { texts }), `body.texts[1] must NOT have more than ${MAX_TEXT_CHARS} characters`);
  });

  it("a body over the size limit with 413", async () => {
    const texts = Array.from({ length: 20 }, () => "b".repeat(60_000));
    const response = await postJson(endpoint, { texts });
    expect(response.status).toBe(413);
    const error = await readError(response);
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toContain("1048576 bytes");
  });

  it("a text/plain body with 415", async () => {
    const response = await postText(endpoint, '{"texts": ["Profit rose."]}', "text/plain");
    expect(response.status).toBe(415);
    expect((await readError(response)).message).toContain("application/json");
  });

  it("a body that is not JSON with 415", async () => {
    const response = await postText(endpoint, "<texts><text>Profit rose.</text></texts>", "application/xml");
    expect(response.status).toBe(415);
    const error = await readError(response);
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("application/json");
  });
});
