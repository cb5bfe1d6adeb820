import { InvalidInputError } from "@finfuse/tensor";
import { describe, expect, it } from "vitest";

import { STOCKNET_SPLIT_NAMES, STOCKNET_SPLITS, STOCKNET_STUDY_PERIOD, stocknetSplitOf } from "./splits.js";

describe("stocknetSplitOf", () => {
  const cases: [string, string | undefined][] = [
    ["2013-12-31", undefined],
    ["2014-01-01", "train"],
    ["2015-07-31", "train"],
    ["2015-08-01", "dev"],
    ["2015-09-30", "dev"],
    ["2015-10-01", "test"],
    ["2015-12-31", "test"],
    ["2016-01-01", undefined],
  ];
  for (const [date, split] of cases) {
    it(`maps ${date} to ${split ?? "no split"}`, () => {
      expect(stocknetSplitOf(date)).toBe(split);
    });
  }

  it("rejects invalid dates", () => {
    for (const date of ["2015-13-01", "2015-02-29", "20150101", ""]) {
      expect(() => stocknetSplitOf(date)).toThrow(InvalidInputError);
    }
  });
});

describe("STOCKNET_SPLITS", () => {
  it("tiles the study period", () => {
    const ranges = STOCKNET_SPLIT_NAMES.map((name) => STOCKNET_SPLITS[name]);
    expect(ranges[0].start).toBe(STOCKNET_STUDY_PERIOD.start);
    expect(ranges[ranges.length - 1].end).toBe(STOCKNET_STUDY_PERIOD.end);
    for (let i = 1; i < ranges.length; i++) {
      expect(ranges[i].start).toBe(ranges[i - 1].end);
    }
  });

  it("is frozen", () => {
    expect(Object.isFrozen(STOCKNET_SPLITS)).toBe(true);
    expect(Object.isFrozen(STOCKNET_SPLITS.train)).toBe(true);
  });
});
