import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { DEFAULT_MODELS_DIR } from "@finfuse/finance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { onnxRuntimeWebDir } from "../src/routes/static-files.js";
import { makeScratchDir, readError, startServer, type RunningServer } from "./support/test-server.js";

describe("GET /health", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it("reports models, data and version", async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
    expect(body).toEqual({ status: "ok", models: { sentiment: true, movement: true }, stocknet: true, version: manifest.version });
  });

  it("sets the cross-origin isolation headers", async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
  });

  it("answers an unknown route with a JSON 404", async () => {
    const response = await fetch(`${server.url}/v1/nothing`);
    expect(response.status).toBe(404);
    const error = await readError(response);
    expect(error.code).toBe("not_found");
    expect(error.message).toContain("GET /v1/nothing");
  });
});

describe("static files", () => {
  let server: RunningServer;
  let webDir: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    webDir = await makeScratchDir("web");
    await writeFile(join(webDir.dir, "index.html"), "<!doctype html><title>demo</title>");
    server = await startServer({ webDistDir: webDir.dir });
  });
  afterAll(async () => {
    await server?.close();
    await webDir.remove();
  });

  it("serves model files under /models/", async () => {
    const response = await fetch(`${server.url}/models/finfuse-movement-mini/config.json`);
    expect(response.status).toBe(200);
    const expected = JSON.parse(await readFile(join(DEFAULT_MODELS_DIR, "finfuse-movement-mini", "config.json"), "utf8"));
    expect(await response.json()).toEqual(expected);
  });

  it("serves the ONNX file byte for byte", async () => {
    const response = await fetch(`${server.url}/models/finfuse-movement-mini/onnx/model.onnx`);
    expect(response.status).toBe(200);
    const served = new Uint8Array(await response.arrayBuffer());
    const onDisk = new Uint8Array(await readFile(join(DEFAULT_MODELS_DIR, "finfuse-movement-mini", "onnx", "model.onnx")));
    expect(served.length).toBe(onDisk.length);
    expect(Buffer.compare(served, onDisk)).toBe(0);
  });

  it("serves onnxruntime-web wasm as application/wasm", async () => {
    const response = await fetch(`${server.url}/ort/ort-wasm-simd-threaded.wasm`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/wasm");
    const served = await response.arrayBuffer();
    const onDisk = await readFile(join(onnxRuntimeWebDir(), "ort-wasm-simd-threaded.wasm"));
    expect(served.byteLength).toBe(onDisk.length);
  });

  it("serves onnxruntime-web modules as JavaScript", async () => {
    const response = await fetch(`${server.url}/ort/ort-wasm-simd-threaded.mjs`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^(text|application)\/javascript/);
  });

  it("keeps paths inside the models folder", async () => {
    const response = await fetch(`${server.url}/models/..%2f..%2fpackage.json`);
    expect([403, 404]).toContain(response.status);
    const error = await readError(response);
    expect(error.code).not.toBe("internal");
  });

  it("serves the built demo at /", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("<title>demo</title>");
  });
});

describe("web demo fallback", () => {
  let server: RunningServer;
  let emptyDir: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    emptyDir = await makeScratchDir("no-web");
    server = await startServer({ webDistDir: emptyDir.dir });
  });
  afterAll(async () => {
    await server?.close();
    await emptyDir.remove();
  });

  it("explains how to build the demo", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    expect(page).toContain("not built");
    expect(page).toContain("--filter @finfuse/web build");
  });

  it("still serves the API", async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
  });
});
