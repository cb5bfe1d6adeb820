import { fileURLToPath } from "node:url";

import { InvalidInputError } from "@finfuse/tensor";
import { describe, expect, it } from "vitest";

import { findNodeImports } from "../../test/import-graph.js";

import type { PriceBar } from "./price-csv.js";
import {
  assertStocknetTicker,
  labelStocknetMove,
  STOCKNET_HISTORY_DAYS,
  stocknetLookupAt,
  stocknetMove,
  stocknetSamplesOf,
} from "./stocknet-protocol.js";

/** Builds bars on consecutive weekdays from 2015-01-05 with the given adjusted closes. */
function barsFrom(adjCloses: number[]): PriceBar[] {
  const bars: PriceBar[] = [];
  const day = new Date("2015-01-05T00:00:00Z");
  for (const adjClose of adjCloses) {
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
    const date = day.toISOString().slice(0, 10);
    bars.push({ date, open: adjClose, high: adjClose, low: adjClose, close: adjClose, adjClose, volume: 1 });
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return bars;
}

describe("stocknetMove", () => {
  it("rounds to 6 decimals", () => {
    expect(stocknetMove(100, 101.23456789)).toBe(0.012346);
    expect(stocknetMove(57.499977, 57.212479)).toBe(-0.005);
  });
});

describe("labelStocknetMove", () => {
  const cases: [number, 0 | 1 | undefined][] = [
    [0.0055, 1],
    [0.02, 1],
    [0.005499, undefined],
    [0, undefined],
    [-0.005, undefined],
    [-0.005001, 0],
    [-0.03, 0],
  ];
  for (const [move, label] of cases) {
    it(`labels ${move} as ${label ?? "dropped"}`, () => {
      expect(labelStocknetMove(move)).toBe(label);
    });
  }
});

describe("stocknetLookupAt", () => {
  const bars = barsFrom([100, 101, 102, 103, 104, 105, 106, 107]);

  it("needs 6 earlier bars", () => {
    expect(STOCKNET_HISTORY_DAYS).toBe(6);
    expect(stocknetLookupAt("T", bars, 5)).toBeUndefined();
    expect(stocknetLookupAt("T", bars, 6)).toBeDefined();
  });

  it("builds the window and tweet days", () => {
    // Index 6 is Tuesday 2015-01-13, so the window runs Tuesday 6th to Monday 12th.
    const lookup = stocknetLookupAt("T", bars, 6)!;
    expect(lookup.targetDate).toBe("2015-01-13");
    expect(lookup.window.map((bar) => bar.date)).toEqual(["2015-01-06", "2015-01-07", "2015-01-08", "2015-01-09", "2015-01-12"]);
    expect(lookup.previousAdjClose).toBe(100);
    expect(lookup.tweetDays).toEqual(["2015-01-06", "2015-01-12"]);
    expect(lookup.move).toBe(0.009524);
    expect(lookup.label).toBe(1);
    expect(lookup.split).toBe("train");
  });

  it("takes the weekend into tweet days", () => {
    const mondayTarget = stocknetLookupAt("T", barsFrom([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), 10)!;
    expect(mondayTarget.targetDate).toBe("2015-01-19");
    expect(mondayTarget.tweetDays).toEqual(["2015-01-12", "2015-01-18"]);
  });
});

describe("stocknetSamplesOf", () => {
  it("drops moves inside the band", () => {
    // Moves of the targets at indexes 6, 7 and 8: +1%, +0.3% (dropped), -1%.
    const bars = barsFrom([1, 1, 1, 1, 1, 100, 101, 101.303, 100.28997]);
    const samples = stocknetSamplesOf("T", bars);
    expect(samples.map((sample) => [sample.targetDate, sample.label])).toEqual([
      ["2015-01-13", 1],
      ["2015-01-15", 0],
    ]);
  });

  it("skips targets outside the study period", () => {
    const bars = barsFrom([1, 2, 3, 4, 5, 6, 7, 8]).map((bar) => ({ ...bar, date: bar.date.replace("2015", "2016") }));
    expect(stocknetSamplesOf("T", bars)).toEqual([]);
  });
});

describe("stocknet-protocol module", () => {
  it("imports no Node built-ins", async () => {
    const { nodeImports, visited } = await findNodeImports(fileURLToPath(new URL("./stocknet-protocol.ts", import.meta.url)));
    expect(nodeImports).toEqual([]);
    expect(visited.length).toBeGreaterThan(3);
  });
});

describe("assertStocknetTicker", () => {
  it("accepts plain symbols", () => {
    expect(() => assertStocknetTicker("BRK-A", "test")).not.toThrow();
  });

  it("rejects path-like names", () => {
    for (const ticker of ["../AAPL", "a/b", "", ".hidden"]) {
      expect(() => assertStocknetTicker(ticker, "test")).toThrow(InvalidInputError);
    }
  });
});
