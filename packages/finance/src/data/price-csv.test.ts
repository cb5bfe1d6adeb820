import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { InvalidInputError } from "@finfuse/tensor";
import { describe, expect, it } from "vitest";

import { findNodeImports } from "../../test/import-graph.js";
import { sharedDataDir } from "../../test/shared-data.js";
import { parsePriceCsv } from "./price-csv.js";

const HEADER = "Date,Open,High,Low,Close,Adj Close,Volume";

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join("\n") + "\n";
}

function parseError(text: string): InvalidInputError {
  try {
    parsePriceCsv(text, "test.csv");
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error("parsePriceCsv accepted invalid input");
}

describe("parsePriceCsv", () => {
  it("parses the Yahoo layout", () => {
    const bars = parsePriceCsv(csv("2015-01-02,10,12,9,11,10.5,1000"));
    expect(bars).toEqual([{ date: "2015-01-02", open: 10, high: 12, low: 9, close: 11, adjClose: 10.5, volume: 1000 }]);
  });

  it("sorts rows by date", () => {
    const bars = parsePriceCsv(csv("2015-01-05,1,1,1,1,1,1", "2015-01-02,2,2,2,2,2,2", "2015-01-03,3,3,3,3,3,3"));
    expect(bars.map((bar) => bar.date)).toEqual(["2015-01-02", "2015-01-03", "2015-01-05"]);
  });

  it("accepts BOM, CRLF and blank lines", () => {
    const text = `\uFEFF${HEADER}\r\n2015-01-02,10,12,9,11,10.5,1000\r\n\r\n2015-01-05,11,13,10,12,11.5,2000\r\n\r\n`;
    const bars = parsePriceCsv(text);
    expect(bars).toHaveLength(2);
    expect(bars[1].volume).toBe(2000);
  });

  it("matches columns by name in any case and order", () => {
    const text = 'volume,"CLOSE",date,low,Dividends,high,adj close,open\n1000,11,2015-01-02,9,0.2,12,10.5,10\n';
    expect(parsePriceCsv(text)).toEqual([
      { date: "2015-01-02", open: 10, high: 12, low: 9, close: 11, adjClose: 10.5, volume: 1000 },
    ]);
  });

  it("copies Close when Adj Close is missing", () => {
    const bars = parsePriceCsv("Date,Open,High,Low,Close,Volume\n2015-01-02,10,12,9,11,1000\n");
    expect(bars[0].adjClose).toBe(11);
  });

  it("skips rows with null", () => {
    const bars = parsePriceCsv(csv("2015-01-02,10,12,9,11,10.5,1000", "2015-01-05,null,null,null,null,null,null", "2015-01-06,1,1,1,null,1,1"));
    expect(bars.map((bar) => bar.date)).toEqual(["2015-01-02"]);
  });

  it("rejects a non-numeric value", () => {
    const error = parseError(csv("2015-01-02,10,12,9,11,10.5,1000", "2015-01-05,10,abc,9,11,10.5,1000"));
    expect(error.message).toContain("test.csv:3");
    expect(error.message).toContain('column "High"');
    expect(error.message).toContain('"abc"');
    expect(error.message).toContain("Fix the value");
  });

  it("rejects an empty field", () => {
    expect(parseError(csv("2015-01-02,10,12,9,,10.5,1000")).message).toContain('column "Close" value ""');
  });

  it("rejects a wrong field count", () => {
    const error = parseError(csv("2015-01-02,10,12,9,11,10.5,1,000"));
    expect(error.message).toContain("test.csv:2");
    expect(error.message).toContain("8 fields but the header has 7 columns");
  });

  it("rejects a bad date", () => {
    for (const date of ["2015-02-30", "02/01/2015", "2015-1-2"]) {
      const error = parseError(csv(`${date},10,12,9,11,10.5,1000`));
      expect(error.message).toContain('column "Date"');
      expect(error.message).toContain(date);
    }
  });

  it("rejects high below low", () => {
    const error = parseError(csv("2015-01-02,10,9,12,11,10.5,1000"));
    expect(error.message).toContain("test.csv:2");
    expect(error.message).toContain('"High" (9) is below column "Low" (12)');
  });

  it("rejects non-positive prices and negative volume", () => {
    expect(parseError(csv("2015-01-02,0,12,9,11,10.5,1000")).message).toContain('column "Open" value "0" is not a positive price');
    expect(parseError(csv("2015-01-02,10,12,9,11,10.5,-5")).message).toContain('column "Volume" value "-5"');
  });

  it("names Close for a bad close without Adj Close", () => {
    const error = parseError("Date,Open,High,Low,Close,Volume\n2015-01-02,10,12,9,x,1000\n");
    expect(error.message).toContain('column "Close" value "x"');
  });

  it("rejects a duplicated date", () => {
    const error = parseError(csv("2015-01-02,10,12,9,11,10.5,1000", "2015-01-05,10,12,9,11,10.5,1000", "2015-01-02,10,12,9,11,10.5,1000"));
    expect(error.message).toContain("test.csv:4");
    expect(error.message).toContain("date 2015-01-02 also appears on line 2");
  });

  it("rejects a missing column", () => {
    const error = parseError("Date,Open,High,Close,Volume\n2015-01-02,10,12,11,1000\n");
    expect(error.message).toContain("test.csv:1");
    expect(error.message).toContain('missing column "Low"');
  });

  it("rejects a repeated column", () => {
    expect(parseError("Date,Open,High,Low,Close,close,Volume\n").message).toContain('column "Close" appears twice');
  });

  it("rejects empty text", () => {
    expect(parseError("").message).toContain("header line is empty");
  });

  it("reads a real StockNet file", async () => {
    const path = join(sharedDataDir(), "stocknet", "price", "raw", "AAPL.csv");
    const bars = parsePriceCsv(await readFile(path, "utf8"), path);
    expect(bars).toHaveLength(1258);
    expect(bars[0]).toEqual({
      date: "2012-09-04",
      open: 95.108574,
      high: 96.44857,
      low: 94.928574,
      close: 96.424286,
      adjClose: 87.12114,
      volume: 91973000,
    });
    expect(bars[bars.length - 1].date).toBe("2017-09-01");
  });

  it("skips the null row of a real file", async () => {
    const path = join(sharedDataDir(), "stocknet", "price", "raw", "PTR.csv");
    const text = await readFile(path, "utf8");
    const bars = parsePriceCsv(text, path);
    expect(bars).toHaveLength(text.trim().split("\n").length - 2);
    expect(bars.some((bar) => bar.date === "2016-06-29")).toBe(false);
  });

  it("imports no Node built-ins", async () => {
    const { nodeImports, visited } = await findNodeImports(fileURLToPath(new URL("./price-csv.ts", import.meta.url)));
    expect(nodeImports).toEqual([]);
    expect(visited.length).toBeGreaterThan(1);
  });
});
