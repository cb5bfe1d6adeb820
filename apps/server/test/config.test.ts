import { mkdir } from "node:fs/promises";
import { join } from "node:path";

import { DEFAULT_MODELS_DIR } from "@finfuse/finance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ConfigError, DEFAULT_BODY_LIMIT, loadConfig } from "../src/config.js";
import { makeScratchDir, sharedStocknetDir } from "./support/test-server.js";

describe("loadConfig", () => {
  let scratch: { dir: string; remove: () => Promise<void> };
  let release: string;
  beforeAll(async () => {
    scratch = await makeScratchDir("config");
    release = join(scratch.dir, "data", "stocknet");
    await mkdir(join(release, "price", "raw"), { recursive: true });
  });
  afterAll(() => scratch.remove());

  it("uses the defaults for an empty environment", () => {
    const config = loadConfig({});
    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe(8787);
    expect(config.modelsDir).toBe(DEFAULT_MODELS_DIR);
    expect(config.logLevel).toBe("info");
    expect(config.bodyLimit).toBe(DEFAULT_BODY_LIMIT);
  });

  it("finds the shared StockNet data beside the workspace", () => {
    expect(loadConfig({}).stocknetDir).toBe(sharedStocknetDir());
  });

  it("reads every variable", () => {
    const config = loadConfig({
      HOST: "0.0.0.0",
      PORT: "9000",
      FINFUSE_MODELS_DIR: scratch.dir,
      FINFUSE_STOCKNET_DIR: release,
      LOG_LEVEL: "DEBUG",
      FINFUSE_BODY_LIMIT: "2048",
    });
    expect(config).toEqual({ host: "0.0.0.0", port: 9000, modelsDir: scratch.dir, stocknetDir: release, logLevel: "debug", bodyLimit: 2048, preloadModels: true });
  });

  it("takes stocknet/ inside FINFUSE_DATA_DIR", () => {
    expect(loadConfig({ FINFUSE_DATA_DIR: join(scratch.dir, "data") }).stocknetDir).toBe(release);
  });

  it("rejects a FINFUSE_DATA_DIR without stocknet/", () => {
    expect(() => loadConfig({ FINFUSE_DATA_DIR: scratch.dir })).toThrow(/FINFUSE_DATA_DIR is set to .* which has no stocknet\/price\/raw\/ folder/);
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "65536"],
    ["PORT", "-1"],
    ["PORT", "80.5"],
    ["FINFUSE_BODY_LIMIT", "0"],
    ["LOG_LEVEL", "verbose"],
    ["HOST", "local host"],
    ["FINFUSE_MODELS_DIR", "/nonexistent/finfuse-models"],
    ["FINFUSE_STOCKNET_DIR", "/nonexistent/stocknet"],
  ])("rejects %s=%s naming the variable", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it("rejects a StockNet folder without price/raw", () => {
    expect(() => loadConfig({ FINFUSE_STOCKNET_DIR: scratch.dir })).toThrow(/FINFUSE_STOCKNET_DIR.*price\/raw/);
  });
});
