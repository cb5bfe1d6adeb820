import { cp, readFile, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { DEFAULT_MODELS_DIR, findStocknetSample, type MovementInput } from "@finfuse/finance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { makeScratchDir, postJson, readError, sharedStocknetDir, startServer, type RunningServer } from "./support/test-server.js";

const MOVEMENT = "finfuse-movement-mini";
const SENTIMENT = "finfuse-sentiment-mini";

async function movementBody(): Promise<MovementInput> {
  const sample = await findStocknetSample(sharedStocknetDir(), "AAPL", "2015-11-02");
  return { ticker: "AAPL", date: "2015-11-02", prices: sample.window, texts: [{ time: "2015-10-30T15:00:00Z", text: "$aapl earnings beat" }] };
}

describe("corrupt movement model", () => {
  let server: RunningServer;
  let models: { dir: string; remove: () => Promise<void> };
  let onnxPath: string;
  let body: MovementInput;
  beforeAll(async () => {
    models = await makeScratchDir("models");
    await cp(join(DEFAULT_MODELS_DIR, MOVEMENT), join(models.dir, MOVEMENT), { recursive: true });
    onnxPath = join(models.dir, MOVEMENT, "onnx", "model.onnx");
    const original = await readFile(onnxPath);
    await truncate(onnxPath, Math.floor(original.length / 2));
    body = await movementBody();
    server = await startServer({ modelsDir: models.dir });
  });
  afterAll(async () => {
    await server?.close();
    await models.remove();
  });

  it("answers 503 naming the ONNX file", async () => {
    const response = await postJson(`${server.url}/v1/movement`, body);
    expect(response.status).toBe(503);
    const error = await readError(response);
    expect(error.code).toBe("model_unavailable");
    expect(error.message).toContain(onnxPath);
    expect(error.message).toContain("truncated");
  });

  it("answers every concurrent request with 503", async () => {
    const responses = await Promise.all([1, 2, 3].map(() => postJson(`${server.url}/v1/movement`, body)));
    expect(responses.map((response) => response.status)).toEqual([503, 503, 503]);
  });

  it("reports the model as unavailable in health", async () => {
    const health = (await (await fetch(`${server.url}/health`)).json()) as { models: { movement: boolean } };
    expect(health.models.movement).toBe(false);
  });

  it("still validates input before loading", async () => {
    const response = await postJson(`${server.url}/v1/movement`, { ...body, prices: "none" });
    expect(response.status).toBe(400);
  });

  it("loads the repaired file on the next request", async () => {
    await writeFile(onnxPath, await readFile(join(DEFAULT_MODELS_DIR, MOVEMENT, "onnx", "model.onnx")));
    const response = await postJson(`${server.url}/v1/movement`, body);
    expect(response.status).toBe(200);
    const health = (await (await fetch(`${server.url}/health`)).json()) as { models: { movement: boolean } };
    expect(health.models.movement).toBe(true);
  });
});

describe("preloaded corrupt model", () => {
  let server: RunningServer;
  let models: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    models = await makeScratchDir("models");
    await cp(DEFAULT_MODELS_DIR, models.dir, { recursive: true });
    const onnxPath = join(models.dir, MOVEMENT, "onnx", "model.onnx");
    await truncate(onnxPath, 1000);
    server = await startServer({ modelsDir: models.dir, preloadModels: true });
  });
  afterAll(async () => {
    await server?.close();
    await models.remove();
  });

  it("shows in health before any request", async () => {
    let health = { models: { sentiment: false, movement: true } };
    for (let attempt = 0; attempt < 50 && health.models.movement; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      health = (await (await fetch(`${server.url}/health`)).json()) as typeof health;
    }
    expect(health.models.movement).toBe(false);
    expect(health.models.sentiment).toBe(true);
  });
});

describe("corrupt sentiment model", () => {
  let server: RunningServer;
  let models: { dir: string; remove: () => Promise<void> };
  let onnxPath: string;
  beforeAll(async () => {
    models = await makeScratchDir("models");
    await cp(join(DEFAULT_MODELS_DIR, SENTIMENT), join(models.dir, SENTIMENT), { recursive: true });
    onnxPath = join(models.dir, SENTIMENT, "onnx", "model.onnx");
    await truncate(onnxPath, 100);
    server = await startServer({ modelsDir: models.dir });
  });
  afterAll(async () => {
    await server?.close();
    await models.remove();
  });

  it("answers 503 naming the ONNX file", async () => {
    const response = await postJson(`${server.url}/v1/sentiment`, { texts: ["Profit rose."] });
    expect(response.status).toBe(503);
    const error = await readError(response);
    expect(error.code).toBe("model_unavailable");
    expect(error.message).toContain(onnxPath);
  });
});

describe("empty models folder", () => {
  let server: RunningServer;
  let models: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    models = await makeScratchDir("models");
    server = await startServer({ modelsDir: models.dir });
  });
  afterAll(async () => {
    await server?.close();
    await models.remove();
  });

  it("reports both models as unavailable", async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { models: { sentiment: boolean; movement: boolean } };
    expect(health.models).toEqual({ sentiment: false, movement: false });
  });

  it("answers sentiment with 503 naming config.json", async () => {
    const response = await postJson(`${server.url}/v1/sentiment`, { texts: ["Profit rose."] });
    expect(response.status).toBe(503);
    const error = await readError(response);
    expect(error.code).toBe("model_unavailable");
    expect(error.message).toContain(join(models.dir, SENTIMENT, "config.json"));
  });

  it("answers movement with 503", async () => {
    const response = await postJson(`${server.url}/v1/movement`, await movementBody());
    expect(response.status).toBe(503);
    expect((await readError(response)).code).toBe("model_unavailable");
  });
});
