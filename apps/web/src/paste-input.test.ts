import { InvalidInputError } from "@finfuse/tensor";
import { describe, expect, it } from "vitest";
import { EXAMPLE_HEADLINES, EXAMPLE_PRICES_CSV } from "./example-input.js";
import { PageError } from "./page-error.js";
import { formatHeadlines, formatPriceCsv, parseHeadlines, parsePriceWindow } from "./paste-input.js";

describe("parsePriceWindow", () => {
  it("keeps the last rows by date", () => {
    const bars = parsePriceWindow(EXAMPLE_PRICES_CSV, 5);
    expect(bars.map((bar) => bar.date)).toEqual(["2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08"]);
  });

  it("rejects too few rows", () => {
    const csv = EXAMPLE_PRICES_CSV.split("\n").slice(0, 4).join("\n");
    expect(() => parsePriceWindow(csv, 5)).toThrow(PageError);
    try {
      parsePriceWindow(csv, 5);
    } catch (error) {
      expect((error as PageError).key).toBe("errorTooFewBars");
      expect((error as PageError).params).toEqual({ count: 3, days: 5 });
    }
  });

  it("reports the invalid value", () => {
    const csv = EXAMPLE_PRICES_CSV.replace("101.70,101.70", "abc,101.70");
    expect(() => parsePriceWindow(csv, 5)).toThrow(InvalidInputError);
    expect(() => parsePriceWindow(csv, 5)).toThrow(/prices\.csv:3: column "Close" value "abc"/);
  });

  it("round-trips through formatPriceCsv", () => {
    const bars = parsePriceWindow(EXAMPLE_PRICES_CSV, 5);
    expect(parsePriceWindow(formatPriceCsv(bars), 5)).toEqual(bars);
  });
});

describe("parseHeadlines", () => {
  it("reads dated lines as UTC times", () => {
    const texts = parseHeadlines(EXAMPLE_HEADLINES);
    expect(texts).toHaveLength(4);
    expect(texts[0]).toEqual({ time: "2024-03-04T13:05:00Z", text: "example corp shares slip as chip supplier warns on demand" });
  });

  it("accepts ISO 8601 times with seconds and Z", () => {
    expect(parseHeadlines("2015-10-28T21:00:00Z apple beats")).toEqual([{ time: "2015-10-28T21:00:00Z", text: "apple beats" }]);
  });

  it("accepts a date without a time", () => {
    expect(parseHeadlines("2024-03-04 shares rise")).toEqual([{ time: "2024-03-04T00:00:00Z", text: "shares rise" }]);
  });

  it("returns no texts for a blank field", () => {
    expect(parseHeadlines(" \n\n")).toEqual([]);
  });

  it("reads JSON Lines", () => {
    const jsonl = '{"time": "2015-10-30T14:30:00Z", "text": "apple beats"}\n{"time": "2015-10-31T09:00:00Z", "text": "iphone sales"}';
    expect(parseHeadlines(jsonl)).toEqual([
      { time: "2015-10-30T14:30:00Z", text: "apple beats" },
      { time: "2015-10-31T09:00:00Z", text: "iphone sales" },
    ]);
  });

  it("names the line without a date", () => {
    expect(() => parseHeadlines("2024-03-04 10:00 fine\nno date here")).toThrow(/headlines:2: "no date here" does not start with a date/);
  });

  it("rejects an impossible date", () => {
    expect(() => parseHeadlines("2015-02-30 10:00 text")).toThrow(/headlines:1: "2015-02-30 10:00" is not a valid date/);
  });

  it("rejects an impossible time", () => {
    expect(() => parseHeadlines("2015-02-10 25:00 text")).toThrow(InvalidInputError);
  });

  it("round-trips through formatHeadlines", () => {
    const texts = [
      { time: "2015-10-30T14:30:00.000Z", text: 'a "quoted" headline' },
      { time: "2015-10-31T09:00:00Z", text: "second" },
    ];
    expect(parseHeadlines(formatHeadlines(texts))).toEqual(texts);
  });
});
