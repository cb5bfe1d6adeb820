/**
 * Server settings and how they are read from environment variables. `loadConfig` is the
 * only place that reads the environment, and tests build a `ServerConfig` directly.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { DEFAULT_MODELS_DIR } from "@finfuse/finance";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** A pino log level name. */
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  /** Interface to listen on. */
  host: string;
  /** TCP port; 0 picks a free port. */
  port: number;
  /** Folder that contains the model folders `finfuse-sentiment-mini/` and `finfuse-movement-mini/`. */
  modelsDir: string;
  /** Root of the StockNet release (the folder with `price/raw/`), or undefined to disable the StockNet routes. */
  stocknetDir: string | undefined;
  logLevel: LogLevel;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /**
   * Folder with the built web demo. When absent, the server imports the folder from
   * `@finfuse/web/dist-path`, and serves a page with build instructions if the demo is not built.
   */
  webDistDir?: string;
  /**
   * Load both models as soon as the server listens, so /health reports a model that fails
   * to load without waiting for the first request. The command-line server sets it.
   */
  preloadModels?: boolean;
}

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8787;
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** A setting is invalid; the message names the environment variable and the fix. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Reads the settings from environment variables: HOST, PORT, FINFUSE_MODELS_DIR,
 * FINFUSE_STOCKNET_DIR, FINFUSE_DATA_DIR, FINFUSE_BODY_LIMIT and LOG_LEVEL.
 *
 * @throws ConfigError naming the variable when a value is malformed or a folder that
 *   was set explicitly does not exist.
 */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  return {
    host: readHost(env.HOST),
    port: readInteger("PORT", env.PORT, DEFAULT_PORT, 0, 65_535),
    modelsDir: readFolder("FINFUSE_MODELS_DIR", env.FINFUSE_MODELS_DIR) ?? DEFAULT_MODELS_DIR,
    stocknetDir: findStocknetDir(env),
    logLevel: readLogLevel(env.LOG_LEVEL),
    bodyLimit: readInteger("FINFUSE_BODY_LIMIT", env.FINFUSE_BODY_LIMIT, DEFAULT_BODY_LIMIT, 1, Number.MAX_SAFE_INTEGER),
    preloadModels: true,
  };
}

/**
 * Finds the StockNet folder: FINFUSE_STOCKNET_DIR, then `stocknet/` inside
 * FINFUSE_DATA_DIR, then `../shared/data/stocknet` beside the workspace root. A set
 * variable that names no StockNet release stops startup. The workspace fallback is
 * skipped when it lacks `price/raw/`, so the server can run without data.
 */
function findStocknetDir(env: NodeJS.ProcessEnv): string | undefined {
  const explicit = readFolder("FINFUSE_STOCKNET_DIR", env.FINFUSE_STOCKNET_DIR);
  if (explicit !== undefined) {
    if (!isStocknetRelease(explicit)) {
      throw new ConfigError(`FINFUSE_STOCKNET_DIR is set to ${explicit}, which has no price/raw/ folder; set it to the root of the StockNet release`);
    }
    return explicit;
  }

  if (isSet(env.FINFUSE_DATA_DIR)) {
    const fromDataDir = join(resolve(env.FINFUSE_DATA_DIR), "stocknet");
    if (!isStocknetRelease(fromDataDir)) {
      throw new ConfigError(`FINFUSE_DATA_DIR is set to ${resolve(env.FINFUSE_DATA_DIR)}, which has no stocknet/price/raw/ folder; set it to the folder that contains stocknet/, or unset it`);
    }
    return fromDataDir;
  }
  const workspaceRoot = findWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));
  const shared = workspaceRoot === undefined ? undefined : join(workspaceRoot, "..", "shared", "data", "stocknet");
  return shared !== undefined && isStocknetRelease(shared) ? shared : undefined;
}

function isStocknetRelease(dir: string): boolean {
  return isDirectory(join(dir, "price", "raw"));
}

/** Returns the nearest folder at or above `start` that contains pnpm-workspace.yaml. */
export function findWorkspaceRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readHost(value: string | undefined): string {
  if (!isSet(value)) return DEFAULT_HOST;
  if (/\s/.test(value)) throw new ConfigError(`HOST must be a host name or IP address without spaces, received "${value}"`);
  return value;
}

function readInteger(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (!isSet(value)) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, received "${value}"`);
  }
  return parsed;
}

function readLogLevel(value: string | undefined): LogLevel {
  if (!isSet(value)) return "info";
  const level = LOG_LEVELS.find((name) => name === value.trim().toLowerCase());
  if (level === undefined) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, received "${value}"`);
  return level;
}

function readFolder(name: string, value: string | undefined): string | undefined {
  if (!isSet(value)) return undefined;
  const folder = resolve(value);
  if (!isDirectory(folder)) throw new ConfigError(`${name} is set to ${folder}, which is not an existing folder; fix the path or unset ${name}`);
  return folder;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}
