/**
 * Helpers that start the real server on a free loopback port, send requests with fetch,
 * and find the shared StockNet data. The data lives outside the repository, in
 * `../shared/data` beside the workspace root or under FINFUSE_DATA_DIR.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { DEFAULT_MODELS_DIR } from "@finfuse/finance";
import type { FastifyInstance } from "fastify";

import { buildApp } from "../../src/app.js";
import { DEFAULT_BODY_LIMIT, findWorkspaceRoot, type ServerConfig } from "../../src/config.js";
import type { ErrorBody } from "../../src/errors.js";

export interface RunningServer {
  app: FastifyInstance;
  /** Base URL such as http://127.0.0.1:41234, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Returns the StockNet release folder of the shared data sets. */
export function sharedStocknetDir(): string {
  const fromEnv = process.env.FINFUSE_DATA_DIR;
  let dataDir: string;
  if (fromEnv !== undefined && fromEnv !== "") {
    dataDir = resolve(fromEnv);
  } else {
    const root = findWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));
    if (root === undefined) throw new Error("no pnpm-workspace.yaml above the test folder; set FINFUSE_DATA_DIR to the folder that contains stocknet/");
    dataDir = join(root, "..", "shared", "data");
  }
  const stocknetDir = join(dataDir, "stocknet");
  if (!existsSync(join(stocknetDir, "price", "raw"))) {
    throw new Error(`StockNet data not found at ${stocknetDir}; set FINFUSE_DATA_DIR to the folder that contains stocknet/`);
  }
  return stocknetDir;
}

/** Settings for a test server: the shipped models, the shared StockNet data, no logging. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: "127.0.0.1",
    port: 0,
    modelsDir: DEFAULT_MODELS_DIR,
    stocknetDir: sharedStocknetDir(),
    logLevel: "silent",
    bodyLimit: DEFAULT_BODY_LIMIT,
    ...overrides,
  };
}

/** Builds the app and listens on a free port of 127.0.0.1. */
export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const app = buildApp(testConfig(overrides));
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  return { app, url: address, close: () => app.close() };
}

/** Sends `body` as JSON text with Content-Type application/json. */
export function postJson(url: string, body: unknown): Promise<Response> {
  return postText(url, JSON.stringify(body));
}

/** Sends `text` unchanged with Content-Type application/json, for malformed bodies. */
export function postText(url: string, text: string, contentType = "application/json"): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": contentType }, body: text });
}

/** Reads an error response body and checks its shape. */
export async function readError(response: Response): Promise<ErrorBody["error"]> {
  const body = (await response.json()) as ErrorBody;
  if (typeof body.error?.code !== "string" || typeof body.error.message !== "string") {
    throw new Error(`expected {"error": {"code", "message"}}, received ${JSON.stringify(body)}`);
  }
  return body.error;
}

/** Creates an empty scratch folder and returns it with a function that deletes it. */
export async function makeScratchDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `finfuse-server-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
