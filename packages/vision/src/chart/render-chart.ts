/**
 * Rasterises a window of daily OHLCV bars into a candlestick chart for the vision encoder.
 *
 * Layout: the image is `height` pixels tall and `days * dayWidth` pixels wide. Day i owns
 * the column strip [i * dayWidth, (i + 1) * dayWidth), so a ViT patch of height x dayWidth
 * pixels covers exactly one day. The top `priceHeight` rows are the candlestick panel and
 * the rows below are the volume panel. Row 0 is the top of the image.
 *
 * Each day strip, from left to right, has a 1-px gap column, a body of `dayWidth - 2`
 * columns and another 1-px gap column. The 1-px wick sits in column
 * `floor((dayWidth - 1) / 2)` of the strip, which is the centre for odd widths and the
 * left of the two centre columns for even widths. Up days (close >= open) are UP_COLOR
 * and down days DOWN_COLOR on a black background. Their volume bars, drawn under the body
 * columns from the bottom row up, are the dimmer UP_VOLUME_COLOR and DOWN_VOLUME_COLOR.
 * No separate close line is drawn, because the body's edge already marks the close.
 *
 * Determinism: the output must be bit-identical in Node and in browsers, so the code uses
 * only IEEE arithmetic (+, -, *, /) with Math.round, Math.floor, Math.min and Math.max.
 * It calls no transcendental functions, whose results may differ between engines, and no
 * canvas or DOM API.
 */
import { InvalidInputError } from "@finfuse/tensor";

import type { ChartImage, ChartOptions, PriceBar, RgbColor } from "./types.js";

/** Default width of one day strip in pixels. */
export const DEFAULT_DAY_WIDTH = 8;

/** Default image height in pixels. */
export const DEFAULT_CHART_HEIGHT = 32;

/** Smallest day strip that fits the two gap columns and a 1-px body. */
export const MIN_DAY_WIDTH = 3;

/** Smallest image height, which leaves a 2-row volume panel under the default split. */
export const MIN_CHART_HEIGHT = 8;

/** Colour of an up day's wick and body (close >= open). */
export const UP_COLOR: RgbColor = Object.freeze([0, 0.8, 0] as const);

/** Colour of a down day's wick and body (close < open). */
export const DOWN_COLOR: RgbColor = Object.freeze([0.8, 0, 0] as const);

/** Colour of an up day's volume bar. */
export const UP_VOLUME_COLOR: RgbColor = Object.freeze([0, 0.4, 0] as const);

/** Colour of a down day's volume bar. */
export const DOWN_VOLUME_COLOR: RgbColor = Object.freeze([0.4, 0, 0] as const);

/**
 * Relative tolerance for an open or close slightly outside [low, high], as rounding in a
 * data feed can produce. Values within it are clamped into the range, larger ones rejected.
 */
const OHLC_RELATIVE_TOLERANCE = 1e-9;

const ISO_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const OPTION_NAMES: ReadonlySet<string> = new Set(["dayWidth", "height", "priceHeight", "days"]);

const PRICE_FIELDS = ["open", "high", "low", "close", "adjClose"] as const;

/**
 * Returns the default candlestick panel height for an image `height` rows tall: three
 * quarters of it, rounded up, so 24 of 32 rows.
 */
export function defaultPriceHeight(height: number): number {
  return height - Math.floor(height / 4);
}

/** Default candlestick panel height in pixels, for the default image height. */
export const DEFAULT_PRICE_HEIGHT = defaultPriceHeight(DEFAULT_CHART_HEIGHT);

/** One validated bar with split- and dividend-adjusted prices. */
interface Candle {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  isUp: boolean;
}

interface Layout {
  dayWidth: number;
  height: number;
  priceHeight: number;
  days: number;
}

interface PriceRange {
  min: number;
  max: number;
}

interface Canvas {
  data: Float32Array;
  width: number;
  height: number;
}

/**
 * Renders `bars` (oldest first) as a candlestick and volume chart.
 *
 * Prices are scaled by `adjClose / close` of each bar, so splits and dividends do not show
 * as jumps. The price axis runs from the window's minimum adjusted low (bottom row of the
 * panel) to its maximum adjusted high (top row). In a flat window, where the two are
 * equal, every candle is drawn in row `floor((priceHeight - 1) / 2)`. Volume bars are
 * scaled to the window's maximum volume. A non-zero volume gets at least 1 px, so it stays
 * distinguishable from zero volume, which draws no bar.
 *
 * @throws InvalidInputError when `bars` is empty, not in strictly increasing date order,
 * or has a non-finite or non-positive price, a negative volume, high < low, or an open or
 * close outside [low, high] by more than a relative 1e-9, or when an option is out of range.
 *
 * @example
 * const image = renderChart(bars, { days: 5 });
 * // image.data.length === 3 * 32 * 40
 */
export function renderChart(bars: PriceBar[], options?: Partial<ChartOptions>): ChartImage {
  const candles = validateBars(bars);
  const layout = resolveLayout(options, candles.length);
  const width = layout.days * layout.dayWidth;

  // A new Float32Array is all zeros, which is the black background.
  const canvas: Canvas = {
    data: new Float32Array(3 * layout.height * width),
    width,
    height: layout.height,
  };

  const range: PriceRange = { min: candles[0].low, max: candles[0].high };
  let maxVolume = 0;
  for (const candle of candles) {
    range.min = Math.min(range.min, candle.low);
    range.max = Math.max(range.max, candle.high);
    maxVolume = Math.max(maxVolume, candle.volume);
  }

  const firstStrip = layout.days - candles.length;
  candles.forEach((candle, index) => {
    const stripLeft = (firstStrip + index) * layout.dayWidth;
    drawCandle(canvas, layout, stripLeft, candle, range);
    drawVolumeBar(canvas, layout, stripLeft, candle, maxVolume);
  });

  return {
    width,
    height: layout.height,
    channels: 3,
    data: canvas.data,
    days: layout.days,
    dayWidth: layout.dayWidth,
  };
}

function drawCandle(
  canvas: Canvas,
  layout: Layout,
  stripLeft: number,
  candle: Candle,
  range: PriceRange,
): void {
  const color = candle.isUp ? UP_COLOR : DOWN_COLOR;
  const toRow = (price: number): number => priceToRow(price, range, layout.priceHeight);

  const wickColumn = stripLeft + Math.floor((layout.dayWidth - 1) / 2);
  fillRect(canvas, wickColumn, wickColumn, toRow(candle.high), toRow(candle.low), color);

  const openRow = toRow(candle.open);
  const closeRow = toRow(candle.close);
  const bodyLeft = stripLeft + 1;
  const bodyRight = stripLeft + layout.dayWidth - 2;
  fillRect(
    canvas,
    bodyLeft,
    bodyRight,
    Math.min(openRow, closeRow),
    Math.max(openRow, closeRow),
    color,
  );
}

function drawVolumeBar(
  canvas: Canvas,
  layout: Layout,
  stripLeft: number,
  candle: Candle,
  maxVolume: number,
): void {
  if (candle.volume === 0) {
    return;
  }
  const panelHeight = layout.height - layout.priceHeight;
  const barHeight = Math.max(1, Math.round((candle.volume / maxVolume) * panelHeight));
  const color = candle.isUp ? UP_VOLUME_COLOR : DOWN_VOLUME_COLOR;
  const bottomRow = layout.height - 1;
  fillRect(
    canvas,
    stripLeft + 1,
    stripLeft + layout.dayWidth - 2,
    bottomRow - barHeight + 1,
    bottomRow,
    color,
  );
}

/** Maps an adjusted price to a candlestick panel row: range.max to row 0, range.min to the last. */
function priceToRow(price: number, range: PriceRange, priceHeight: number): number {
  if (range.max === range.min) {
    return Math.floor((priceHeight - 1) / 2);
  }
  const fromTop = (range.max - price) / (range.max - range.min);
  return Math.round(fromTop * (priceHeight - 1));
}

/** Paints the inclusive rectangle of columns [left, right] and rows [top, bottom]. */
function fillRect(
  canvas: Canvas,
  left: number,
  right: number,
  top: number,
  bottom: number,
  color: RgbColor,
): void {
  const planeSize = canvas.width * canvas.height;
  for (let channel = 0; channel < 3; channel++) {
    const value = color[channel];
    for (let row = top; row <= bottom; row++) {
      const rowStart = channel * planeSize + row * canvas.width;
      canvas.data.fill(value, rowStart + left, rowStart + right + 1);
    }
  }
}

function resolveLayout(options: Partial<ChartOptions> | undefined, barCount: number): Layout {
  if (options === undefined) {
    options = {};
  } else if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InvalidInputError(
      `renderChart: options is ${describeValue(options)}, expected an object or undefined`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) {
      throw new InvalidInputError(
        `renderChart: options.${key} is not a chart option, expected one of ${[...OPTION_NAMES].join(", ")}`,
      );
    }
  }

  const dayWidth = options.dayWidth ?? DEFAULT_DAY_WIDTH;
  requireIntegerOption("dayWidth", dayWidth, MIN_DAY_WIDTH, Number.MAX_SAFE_INTEGER);
  const height = options.height ?? DEFAULT_CHART_HEIGHT;
  requireIntegerOption("height", height, MIN_CHART_HEIGHT, Number.MAX_SAFE_INTEGER);
  const priceHeight = options.priceHeight ?? defaultPriceHeight(height);
  requireIntegerOption("priceHeight", priceHeight, 1, height - 1);
  const days = options.days ?? barCount;
  requireIntegerOption("days", days, 1, Number.MAX_SAFE_INTEGER);

  if (barCount > days) {
    throw new InvalidInputError(
      `renderChart: bars has ${barCount} entries but options.days is ${days}, ` +
        "expected bars.length <= options.days. Pass a shorter window or raise options.days.",
    );
  }
  return { dayWidth, height, priceHeight, days };
}

function requireIntegerOption(name: string, value: unknown, min: number, max: number): void {
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) {
    return;
  }
  const expected =
    max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
  throw new InvalidInputError(
    `renderChart: options.${name} is ${describeValue(value)}, expected ${expected}`,
  );
}

function validateBars(bars: unknown): Candle[] {
  if (!Array.isArray(bars)) {
    throw new InvalidInputError(
      `renderChart: bars is ${describeValue(bars)}, expected an array of PriceBar`,
    );
  }
  if (bars.length === 0) {
    throw new InvalidInputError("renderChart: bars is empty, expected at least one PriceBar");
  }

  const candles: Candle[] = [];
  let previousDate: string | undefined;
  bars.forEach((bar: unknown, index) => {
    const date = validateDate(bar, index);
    if (previousDate !== undefined && date <= previousDate) {
      throw new InvalidInputError(
        `renderChart: bars[${index}].date is ${date}, not after bars[${index - 1}].date ${previousDate}, ` +
          "expected dates in strictly increasing order, oldest first",
      );
    }
    previousDate = date;
    candles.push(validateBar(bar as Record<string, unknown>, `bars[${index}] (${date})`));
  });
  return candles;
}

/** Checks that `bar` is an object with an ISO 8601 date and returns that date. */
function validateDate(bar: unknown, index: number): string {
  if (typeof bar !== "object" || bar === null) {
    throw new InvalidInputError(
      `renderChart: bars[${index}] is ${describeValue(bar)}, expected a PriceBar object`,
    );
  }
  const date: unknown = (bar as Record<string, unknown>).date;
  if (typeof date !== "string" || !ISO_DATE_PATTERN.test(date)) {
    throw new InvalidInputError(
      `renderChart: bars[${index}].date is ${describeValue(date)}, expected an ISO 8601 date YYYY-MM-DD`,
    );
  }
  return date;
}

/** Validates one bar's numbers, clamps open and close into [low, high] and adjusts the prices. */
function validateBar(bar: Record<string, unknown>, label: string): Candle {
  for (const field of PRICE_FIELDS) {
    const value = bar[field];
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new InvalidInputError(
        `renderChart: ${label} ${field} is ${describeValue(value)}, expected a finite number > 0`,
      );
    }
  }
  const volume = bar.volume;
  if (typeof volume !== "number" || !Number.isFinite(volume) || volume < 0) {
    throw new InvalidInputError(
      `renderChart: ${label} volume is ${describeValue(volume)}, expected a finite number >= 0`,
    );
  }

  const prices = bar as Record<(typeof PRICE_FIELDS)[number], number>;
  const { high, low } = prices;
  if (high < low) {
    throw new InvalidInputError(
      `renderChart: ${label} high is ${high} but low is ${low}, expected high >= low`,
    );
  }
  const open = clampToRange(prices.open, low, high, `${label} open`);
  const close = clampToRange(prices.close, low, high, `${label} close`);

  const factor = prices.adjClose / prices.close;
  const adjustedHigh = high * factor;
  if (!Number.isFinite(adjustedHigh)) {
    throw new InvalidInputError(
      `renderChart: ${label} adjusted high (high * adjClose / close) is ${adjustedHigh}, ` +
        `expected a finite number. Check adjClose ${prices.adjClose} and close ${prices.close}.`,
    );
  }
  return {
    open: open * factor,
    high: adjustedHigh,
    low: low * factor,
    close: close * factor,
    volume,
    // Decided before adjusting, because rounding in the multiplication could turn a
    // slightly lower close into an equal one.
    isUp: close >= open,
  };
}

function clampToRange(value: number, low: number, high: number, label: string): number {
  const tolerance = OHLC_RELATIVE_TOLERANCE * high;
  if (value < low - tolerance || value > high + tolerance) {
    throw new InvalidInputError(
      `renderChart: ${label} is ${value}, expected a value in [low, high] = [${low}, ${high}]`,
    );
  }
  return Math.min(high, Math.max(low, value));
}

function describeValue(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  if (
    typeof value === "number" ||
    typeof value === "boolean" ||
    value === null ||
    value === undefined
  ) {
    return String(value);
  }
  return `a value of type ${Array.isArray(value) ? "array" : typeof value}`;
}
