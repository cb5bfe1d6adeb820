import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { InvalidInputError } from "@finfuse/tensor";
import { describe, expect, it } from "vitest";

import {
  DEFAULT_PRICE_HEIGHT,
  DOWN_COLOR,
  DOWN_VOLUME_COLOR,
  UP_COLOR,
  UP_VOLUME_COLOR,
  defaultPriceHeight,
  renderChart,
} from "./render-chart.js";
import type { ChartImage, ChartOptions, PriceBar, RgbColor } from "./types.js";

/** One character a colour, for comparing whole images as text. */
const COLOR_CHARACTERS: ReadonlyArray<readonly [string, RgbColor]> = [
  [".", [0, 0, 0]],
  ["G", UP_COLOR],
  ["R", DOWN_COLOR],
  ["g", UP_VOLUME_COLOR],
  ["r", DOWN_VOLUME_COLOR],
];

/** Returns the image as one string a row, with `?` for a colour outside the palette. */
function toTextRows(image: ChartImage): string[] {
  const planeSize = image.width * image.height;
  const rows: string[] = [];
  for (let y = 0; y < image.height; y++) {
    let row = "";
    for (let x = 0; x < image.width; x++) {
      const pixel = [0, 1, 2].map(
        (channel) => image.data[channel * planeSize + y * image.width + x],
      );
      const match = COLOR_CHARACTERS.find(([, color]) =>
        color.every((value, channel) => Math.fround(value) === pixel[channel]),
      );
      row += match === undefined ? "?" : match[0];
    }
    rows.push(row);
  }
  return rows;
}

/** Returns `count` copies of `row`. */
function repeatRow(row: string, count: number): string[] {
  return Array.from({ length: count }, () => row);
}

function makeBar(
  date: string,
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
): PriceBar {
  return { date, open, high, low, close, adjClose: close, volume };
}

/** An up day then a down day, with prices chosen so every row position is exact in binary. */
const TWO_DAY_WINDOW: PriceBar[] = [
  makeBar("2015-03-02", 10, 12, 8, 11, 1000),
  makeBar("2015-03-03", 11, 11.5, 9, 9.5, 500),
];

/** Returns the error that `action` throws, or undefined. */
function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** 32-bit FNV-1a hash over the little-endian bytes of the float values. */
function fnv1aOfFloats(values: Float32Array): number {
  const view = new DataView(new ArrayBuffer(4));
  let hash = 0x811c9dc5;
  for (const value of values) {
    view.setFloat32(0, value, true);
    for (let byte = 0; byte < 4; byte++) {
      hash = Math.imul(hash ^ view.getUint8(byte), 0x01000193) >>> 0;
    }
  }
  return hash;
}

describe("renderChart layout", () => {
  it("draws two-day window pixel for pixel", () => {
    const image = renderChart(TWO_DAY_WINDOW);

    expect(image.width).toBe(16);
    expect(image.height).toBe(32);
    expect(image.channels).toBe(3);
    expect(image.days).toBe(2);
    expect(image.dayWidth).toBe(8);
    expect(image.data.length).toBe(3 * 32 * 16);

    // Price rows: 12 -> 0, 11.5 -> 3, 11 -> 6, 10 -> 12, 9.5 -> 14, 9 -> 17, 8 -> 23.
    // Volume rows: 1000 fills all 8 rows of the panel, 500 fills the bottom 4.
    expect(toTextRows(image)).toEqual([
      ...repeatRow("...G............", 3),
      ...repeatRow("...G.......R....", 3),
      ...repeatRow(".GGGGGG..RRRRRR.", 7),
      ...repeatRow("...G.....RRRRRR.", 2),
      ...repeatRow("...G.......R....", 3),
      ...repeatRow("...G............", 6),
      ...repeatRow(".gggggg.........", 4),
      ...repeatRow(".gggggg..rrrrrr.", 4),
    ]);
  });

  it("draws flat window at mid-height", () => {
    const bars = [makeBar("2015-03-02", 5, 5, 5, 5, 0), makeBar("2015-03-03", 5, 5, 5, 5, 0)];

    const rows = toTextRows(renderChart(bars));

    expect(rows[11]).toBe(".GGGGGG..GGGGGG.");
    rows.splice(11, 1);
    expect(rows).toEqual(repeatRow("................", 31));
  });

  it("skips volume bars at zero volume", () => {
    const bars = TWO_DAY_WINDOW.map((bar) => ({ ...bar, volume: 0 }));

    const rows = toTextRows(renderChart(bars));

    expect(rows.slice(24)).toEqual(repeatRow("................", 8));
  });

  it("gives tiny non-zero volume one row", () => {
    const bars = [
      makeBar("2015-03-02", 10, 12, 8, 11, 1),
      makeBar("2015-03-03", 11, 11.5, 9, 9.5, 1e9),
    ];

    const rows = toTextRows(renderChart(bars));

    expect(rows[30]).toBe(".........rrrrrr.");
    expect(rows[31]).toBe(".gggggg..rrrrrr.");
  });

  it("pads short window on the left", () => {
    const image = renderChart(TWO_DAY_WINDOW, { days: 4 });

    expect(image.width).toBe(32);
    expect(image.days).toBe(4);
    const rows = toTextRows(image);
    const unpadded = toTextRows(renderChart(TWO_DAY_WINDOW));
    for (let y = 0; y < image.height; y++) {
      expect(rows[y].slice(0, 16)).toBe("................");
      expect(rows[y].slice(16)).toBe(unpadded[y]);
    }
  });

  it("accepts window exactly as long as days", () => {
    const image = renderChart(TWO_DAY_WINDOW, { days: 2 });

    expect(image.width).toBe(16);
  });

  it("removes split jump with adjusted prices", () => {
    // A 2-for-1 split after the first day: its raw prices are twice the second day's.
    const bars: PriceBar[] = [
      { date: "2015-03-02", open: 98, high: 102, low: 96, close: 100, adjClose: 50, volume: 10 },
      { date: "2015-03-03", open: 49, high: 51, low: 48, close: 50, adjClose: 50, volume: 10 },
    ];

    const rows = toTextRows(renderChart(bars));

    for (const row of rows) {
      expect(row.slice(0, 8)).toBe(row.slice(8));
    }
    expect(rows[0]).toBe("...G.......G....");
    expect(rows[23]).toBe("...G.......G....");
  });

  it("clamps open within float tolerance of high", () => {
    const nearlyHigh = [
      makeBar("2015-03-02", 12 * (1 + 1e-12), 12, 8, 11, 1000),
      TWO_DAY_WINDOW[1],
    ];
    const exactlyHigh = [makeBar("2015-03-02", 12, 12, 8, 11, 1000), TWO_DAY_WINDOW[1]];

    expect(renderChart(nearlyHigh).data).toEqual(renderChart(exactlyHigh).data);
  });

  it("centres wick in narrowest strip", () => {
    const image = renderChart(TWO_DAY_WINDOW, { dayWidth: 3, height: 8 });

    expect(image.width).toBe(6);
    const rows = toTextRows(image);
    expect(rows[0]).toBe(".G....");
    expect(rows[7]).toBe(".g..r.");
  });

  it("derives priceHeight from height by default", () => {
    expect(DEFAULT_PRICE_HEIGHT).toBe(24);
    expect(defaultPriceHeight(32)).toBe(24);
    expect(defaultPriceHeight(16)).toBe(12);
    expect(defaultPriceHeight(9)).toBe(7);

    const rows = toTextRows(renderChart(TWO_DAY_WINDOW, { height: 16 }));
    expect(rows[11]).toBe("...G............");
    expect(rows[12]).toBe(".gggggg.........");
    expect(rows[15]).toBe(".gggggg..rrrrrr.");
  });
});

describe("renderChart determinism", () => {
  const fixedWindow: PriceBar[] = [
    {
      date: "2014-01-02",
      open: 79.38,
      high: 79.58,
      low: 78.86,
      close: 79.02,
      adjClose: 71.59,
      volume: 58671200,
    },
    {
      date: "2014-01-03",
      open: 78.98,
      high: 79.1,
      low: 77.2,
      close: 77.28,
      adjClose: 70.02,
      volume: 98116900,
    },
    {
      date: "2014-01-06",
      open: 76.78,
      high: 78.11,
      low: 76.23,
      close: 77.7,
      adjClose: 70.4,
      volume: 103152700,
    },
    {
      date: "2014-01-07",
      open: 77.76,
      high: 77.99,
      low: 76.85,
      close: 77.15,
      adjClose: 69.9,
      volume: 79302300,
    },
    {
      date: "2014-01-08",
      open: 76.97,
      high: 77.94,
      low: 76.96,
      close: 77.64,
      adjClose: 70.34,
      volume: 64632400,
    },
  ];

  it("renders identical bytes twice", () => {
    const first = renderChart(fixedWindow, { days: 6 });
    const second = renderChart(fixedWindow, { days: 6 });

    expect(new Uint8Array(second.data.buffer)).toEqual(new Uint8Array(first.data.buffer));
  });

  it("matches pinned checksum of fixed window", () => {
    // Update this value only for an intended change to the pixels, because trained
    // encoders depend on them.
    expect(fnv1aOfFloats(renderChart(fixedWindow, { days: 6 }).data)).toBe(2091088925);
  });
});

describe("renderChart validation", () => {
  const validBar = TWO_DAY_WINDOW[0];
  const withBar = (changes: Record<string, unknown>): PriceBar[] => [
    { ...validBar, ...changes } as PriceBar,
  ];

  const barCases: Array<[string, unknown, string]> = [
    ["non-array bars", "AAPL", 'renderChart: bars is "AAPL", expected an array of PriceBar'],
    ["empty bars", [], "renderChart: bars is empty, expected at least one PriceBar"],
    ["null bar", [null], "renderChart: bars[0] is null, expected a PriceBar object"],
    [
      "missing date",
      withBar({ date: undefined }),
      "renderChart: bars[0].date is undefined, expected an ISO 8601 date YYYY-MM-DD",
    ],
    [
      "malformed date",
      withBar({ date: "2015-3-2" }),
      'renderChart: bars[0].date is "2015-3-2", expected an ISO 8601 date YYYY-MM-DD',
    ],
    [
      "NaN open",
      withBar({ open: Number.NaN }),
      "renderChart: bars[0] (2015-03-02) open is NaN, expected a finite number > 0",
    ],
    [
      "infinite high",
      withBar({ high: Number.POSITIVE_INFINITY }),
      "renderChart: bars[0] (2015-03-02) high is Infinity, expected a finite number > 0",
    ],
    [
      "negative low",
      withBar({ low: -1 }),
      "renderChart: bars[0] (2015-03-02) low is -1, expected a finite number > 0",
    ],
    [
      "zero close",
      withBar({ close: 0 }),
      "renderChart: bars[0] (2015-03-02) close is 0, expected a finite number > 0",
    ],
    [
      "string adjClose",
      withBar({ adjClose: "11" }),
      'renderChart: bars[0] (2015-03-02) adjClose is "11", expected a finite number > 0',
    ],
    [
      "negative volume",
      withBar({ volume: -5 }),
      "renderChart: bars[0] (2015-03-02) volume is -5, expected a finite number >= 0",
    ],
    [
      "NaN volume",
      withBar({ volume: Number.NaN }),
      "renderChart: bars[0] (2015-03-02) volume is NaN, expected a finite number >= 0",
    ],
    [
      "high below low",
      withBar({ high: 7 }),
      "renderChart: bars[0] (2015-03-02) high is 7 but low is 8, expected high >= low",
    ],
    [
      "open above high",
      withBar({ open: 12.5 }),
      "renderChart: bars[0] (2015-03-02) open is 12.5, expected a value in [low, high] = [8, 12]",
    ],
    [
      "close below low",
      withBar({ close: 7.9, adjClose: 7.9 }),
      "renderChart: bars[0] (2015-03-02) close is 7.9, expected a value in [low, high] = [8, 12]",
    ],
    [
      "overflowing adjustment",
      withBar({ close: 8, adjClose: 1.5e308 }),
      "renderChart: bars[0] (2015-03-02) adjusted high (high * adjClose / close) is Infinity, expected a finite number. Check adjClose 1.5e+308 and close 8.",
    ],
    [
      "repeated date",
      [validBar, { ...validBar }],
      "renderChart: bars[1].date is 2015-03-02, not after bars[0].date 2015-03-02, expected dates in strictly increasing order, oldest first",
    ],
    [
      "decreasing date",
      [TWO_DAY_WINDOW[1], TWO_DAY_WINDOW[0]],
      "renderChart: bars[1].date is 2015-03-02, not after bars[0].date 2015-03-03, expected dates in strictly increasing order, oldest first",
    ],
  ];

  it.each(barCases)("rejects %s", (_name, bars, message) => {
    const error = captureError(() => renderChart(bars as PriceBar[]));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(message);
  });

  const optionCases: Array<[string, unknown, string]> = [
    ["non-object options", 8, "renderChart: options is 8, expected an object or undefined"],
    [
      "unknown option",
      { width: 64 },
      "renderChart: options.width is not a chart option, expected one of dayWidth, height, priceHeight, days",
    ],
    [
      "dayWidth below 3",
      { dayWidth: 2 },
      "renderChart: options.dayWidth is 2, expected an integer >= 3",
    ],
    [
      "fractional dayWidth",
      { dayWidth: 7.5 },
      "renderChart: options.dayWidth is 7.5, expected an integer >= 3",
    ],
    [
      "height below 8",
      { height: 7, priceHeight: 5 },
      "renderChart: options.height is 7, expected an integer >= 8",
    ],
    [
      "NaN height",
      { height: Number.NaN },
      "renderChart: options.height is NaN, expected an integer >= 8",
    ],
    [
      "priceHeight equal to height",
      { priceHeight: 32 },
      "renderChart: options.priceHeight is 32, expected an integer in [1, 31]",
    ],
    [
      "zero priceHeight",
      { priceHeight: 0 },
      "renderChart: options.priceHeight is 0, expected an integer in [1, 31]",
    ],
    ["zero days", { days: 0 }, "renderChart: options.days is 0, expected an integer >= 1"],
    [
      "days below bar count",
      { days: 1 },
      "renderChart: bars has 2 entries but options.days is 1, expected bars.length <= options.days. Pass a shorter window or raise options.days.",
    ],
  ];

  it.each(optionCases)("rejects %s", (_name, options, message) => {
    const error = captureError(() => renderChart(TWO_DAY_WINDOW, options as Partial<ChartOptions>));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(message);
  });
});

describe("chart sources", () => {
  const folder = fileURLToPath(new URL(".", import.meta.url));
  const sources = readdirSync(folder).filter(
    (name) => name.endsWith(".ts") && !name.endsWith(".test.ts"),
  );

  it("import only browser-safe modules", () => {
    expect(sources).toContain("render-chart.ts");
    for (const name of sources) {
      const text = readFileSync(`${folder}${name}`, "utf8");
      const imported = [...text.matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1]);
      for (const specifier of imported) {
        expect(specifier, `${name} imports ${specifier}`).toMatch(
          /^(\.\/[\w-]+\.js|@finfuse\/tensor|fast-png)$/,
        );
      }
    }
  });

  it("call no engine-dependent Math functions", () => {
    const engineDependent =
      /Math\.(sin|cos|tan|asin|acos|atan2?|sinh|cosh|tanh|exp|expm1|log|log1p|log2|log10|pow|cbrt|hypot)\b/;
    for (const name of sources) {
      expect(readFileSync(`${folder}${name}`, "utf8"), name).not.toMatch(engineDependent);
    }
  });
});
