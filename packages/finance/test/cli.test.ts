/**
 * The finfuse CLI, run as a user runs it (node dist/cli/main.js) on the shipped models
 * and the shared data sets.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedDataDir } from "./shared-data.js";

const run = promisify(execFile);
const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "cli", "main.js");

async function finfuse(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, FINFUSE_DATA_DIR: sharedDataDir() };
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "finfuse-cli-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("finfuse sentiment", () => {
  it("labels texts with probabilities", async () => {
    const result = await finfuse("sentiment", "--json", "Operating profit rose to EUR 13.1 mn from EUR 8.7 mn.", "The company swung to a net loss.");
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as Array<{ label: string; probabilities: Record<string, number> }>;
    expect(parsed).toHaveLength(2);
    for (const row of parsed) expect(Object.values(row.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(parsed[0].label).toBe("positive");
  });

  it("asks for a text when none is given", async () => {
    const result = await finfuse("sentiment");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pass at least one text/);
  });
});

describe("finfuse predict", () => {
  it("predicts a StockNet ticker and date", async () => {
    const result = await finfuse("predict", "--stocknet", join(sharedDataDir(), "stocknet"), "--ticker", "AAPL", "--date", "2015-11-02", "--json");
    expect(result.code).toBe(0);
    const prediction = JSON.parse(result.stdout) as { probabilityUp: number; days: string[]; textToDayAttention: number[][] };
    expect(prediction.days).toEqual(["2015-10-26", "2015-10-27", "2015-10-28", "2015-10-29", "2015-10-30"]);
    expect(prediction.probabilityUp).toBeGreaterThan(0);
    expect(prediction.probabilityUp).toBeLessThan(1);
    expect(prediction.textToDayAttention[0]).toHaveLength(5);
  });

  it("predicts from a price CSV and a texts JSONL", async () => {
    const csv = ["Date,Open,High,Low,Close,Adj Close,Volume",
      "2015-10-26,118.08,118.13,114.92,115.28,112.0,66333800",
      "2015-10-27,115.40,116.54,113.99,114.55,111.3,64550000",
      "2015-10-28,116.93,119.30,116.06,119.27,115.9,75800000",
      "2015-10-29,118.70,120.69,118.27,120.53,117.1,49800000",
      "2015-10-30,120.99,121.22,119.45,119.50,116.1,49400000"].join("\n");
    await writeFile(join(scratch, "prices.csv"), csv);
    await writeFile(join(scratch, "texts.jsonl"), '{"time": "2015-10-28T21:00:00Z", "text": "apple beats on earnings, iphone sales strong"}\n');
    const result = await finfuse("predict", "--prices", join(scratch, "prices.csv"), "--texts", join(scratch, "texts.jsonl"), "--ticker", "AAPL");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/AAPL next trading day: (UP|DOWN) \(P\(up\) = 0\.\d{4}\)/);
    expect(result.stdout).toMatch(/1 texts/);
  });

  it("names the line of a malformed CSV", async () => {
    await writeFile(join(scratch, "bad.csv"), "Date,Open,High,Low,Close,Adj Close,Volume\n2015-10-26,abc,1,1,1,1,1\n");
    const result = await finfuse("predict", "--prices", join(scratch, "bad.csv"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.csv/);
    expect(result.stderr).toMatch(/bad\.csv:2: column "Open" value "abc"/);
  });

  it("names the line of malformed JSONL", async () => {
    await writeFile(join(scratch, "bad.jsonl"), '{"time": "2015-10-28", "text": "ok"}\n{"time": \n');
    const csv = join(scratch, "prices.csv");
    const result = await finfuse("predict", "--prices", csv, "--texts", join(scratch, "bad.jsonl"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.jsonl:2: invalid JSON/);
  });

  it("rejects a date that is not a trading day", async () => {
    const result = await finfuse("predict", "--stocknet", join(sharedDataDir(), "stocknet"), "--ticker", "AAPL", "--date", "2015-11-01");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/2015-11-01/);
  });
});

describe("finfuse eval", () => {
  it("prints PhraseBank test metrics beside FinBERT", async () => {
    const result = await finfuse("eval", "phrasebank", "--json");
    expect(result.code).toBe(0);
    const scores = JSON.parse(result.stdout) as { all: { rows: number; accuracy: number; majorityAccuracy: number } };
    expect(scores.all.rows).toBe(967);
    expect(scores.all.accuracy).toBeGreaterThan(scores.all.majorityAccuracy);
  });

  it("prints StockNet test metrics with intervals", async () => {
    const result = await finfuse("eval", "stocknet");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/3720 samples/);
    expect(result.stdout).toMatch(/always up {4}accuracy 51\.29%/);
    expect(result.stdout).toMatch(/StockNet {5}accuracy 58\.23%/);
  });
});
