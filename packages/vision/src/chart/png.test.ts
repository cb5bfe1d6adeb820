import { InvalidInputError } from "@finfuse/tensor";
import { decode } from "fast-png";
import { describe, expect, it } from "vitest";

import { MAX_PNG_SCALE, chartToPng, chartToRgba } from "./png.js";
import { renderChart } from "./render-chart.js";
import type { ChartImage, PriceBar } from "./types.js";

const WINDOW: PriceBar[] = [
  { date: "2015-03-02", open: 10, high: 12, low: 8, close: 11, adjClose: 11, volume: 1000 },
  { date: "2015-03-03", open: 11, high: 11.5, low: 9, close: 9.5, adjClose: 9.5, volume: 500 },
];

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Returns the RGB bytes of an RGBA buffer, dropping alpha. */
function dropAlpha(rgba: Uint8ClampedArray): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let pixel = 0; pixel < rgba.length / 4; pixel++) {
    rgb.set(rgba.subarray(pixel * 4, pixel * 4 + 3), pixel * 3);
  }
  return rgb;
}

/** Returns the error that `action` throws, or undefined. */
function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("chartToRgba", () => {
  const image = renderChart(WINDOW);
  const rgba = chartToRgba(image);
  const pixelAt = (x: number, y: number): number[] => [
    ...rgba.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4),
  ];

  it("returns HWC RGBA bytes", () => {
    expect(rgba.length).toBe(image.width * image.height * 4);
    expect(pixelAt(0, 0)).toEqual([0, 0, 0, 255]);
    // Up-day wick at column 3, down-day body at columns 9..14 from row 6, and down-day
    // volume bar in the bottom row.
    expect(pixelAt(3, 0)).toEqual([0, 204, 0, 255]);
    expect(pixelAt(9, 6)).toEqual([204, 0, 0, 255]);
    expect(pixelAt(14, 31)).toEqual([102, 0, 0, 255]);
  });

  it("sets alpha to 255 everywhere", () => {
    for (let index = 3; index < rgba.length; index += 4) {
      expect(rgba[index]).toBe(255);
    }
  });

  it("rejects data of wrong length", () => {
    const broken: ChartImage = { ...image, data: new Float32Array(10) };

    const error = captureError(() => chartToRgba(broken));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(
      "chartToRgba: image.data has 10 values, expected 3 * 32 * 16 = 1536",
    );
  });

  it("rejects non-integer size", () => {
    const broken: ChartImage = { ...image, width: 15.5 };

    const error = captureError(() => chartToRgba(broken));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(
      /^chartToRgba: image is 15.5 x 32 with 3 channels, expected a ChartImage/,
    );
  });
});

describe("chartToPng", () => {
  const image = renderChart(WINDOW);
  const rgb = dropAlpha(chartToRgba(image));

  it("round-trips pixels at scale 1", () => {
    const png = chartToPng(image);

    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const decoded = decode(png);
    expect(decoded.width).toBe(image.width);
    expect(decoded.height).toBe(image.height);
    expect(decoded.channels).toBe(3);
    expect(decoded.depth).toBe(8);
    expect(new Uint8Array(decoded.data)).toEqual(rgb);
  });

  it("upscales by nearest neighbour", () => {
    const scale = 3;

    const decoded = decode(chartToPng(image, scale));

    expect(decoded.width).toBe(image.width * scale);
    expect(decoded.height).toBe(image.height * scale);
    for (let y = 0; y < decoded.height; y++) {
      for (let x = 0; x < decoded.width; x++) {
        const source = (Math.floor(y / scale) * image.width + Math.floor(x / scale)) * 3;
        const target = (y * decoded.width + x) * 3;
        const actual = [...decoded.data.subarray(target, target + 3)];
        expect(actual, `pixel (${x}, ${y})`).toEqual([...rgb.subarray(source, source + 3)]);
      }
    }
  });

  it.each([0, -1, 1.5, Number.NaN, MAX_PNG_SCALE + 1])("rejects scale %s", (scale) => {
    const error = captureError(() => chartToPng(image, scale));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(
      `chartToPng: scale is ${scale}, expected an integer in [1, ${MAX_PNG_SCALE}]`,
    );
  });

  it("rejects data of wrong length", () => {
    const broken: ChartImage = { ...image, data: new Float32Array(3) };

    const error = captureError(() => chartToPng(broken));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(
      "chartToPng: image.data has 3 values, expected 3 * 32 * 16 = 1536",
    );
  });
});
