/** GET /health: whether the service is up and which models and data it can use. */
import { readFileSync } from "node:fs";

import type { FastifyInstance } from "fastify";

import type { ModelRegistry } from "../models/model-registry.js";
import type { StocknetStore } from "../stocknet/stocknet-store.js";

export interface HealthResponse {
  status: "ok";
  /** True when the model folder has its files and the last load attempt did not fail. */
  models: { sentiment: boolean; movement: boolean };
  /** True when a StockNet folder is configured. */
  stocknet: boolean;
  /** Version of @finfuse/server. */
  version: string;
}

const healthRouteSchema = {
  response: {
    200: {
      type: "object",
      required: ["status", "models", "stocknet", "version"],
      properties: {
        status: { type: "string", enum: ["ok"] },
        models: {
          type: "object",
          required: ["sentiment", "movement"],
          properties: { sentiment: { type: "boolean" }, movement: { type: "boolean" } },
        },
        stocknet: { type: "boolean" },
        version: { type: "string" },
      },
    },
  },
} as const;

export function registerHealthRoute(app: FastifyInstance, models: ModelRegistry, stocknet: StocknetStore | undefined): void {
  const version = readServerVersion();
  app.get("/health", { schema: healthRouteSchema }, async (): Promise<HealthResponse> => ({
    status: "ok",
    models: { sentiment: models.sentiment.isAvailable(), movement: models.movement.isAvailable() },
    stocknet: stocknet !== undefined,
    version,
  }));
}

/** Reads the version from this package's package.json, which is one level above both src/ and dist/. */
function readServerVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const version = (manifest as { version?: unknown }).version;
  return typeof version === "string" ? version : "unknown";
}
