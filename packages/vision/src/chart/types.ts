/**
 * Input and output types of the price chart rasteriser.
 *
 * Image shape letters used in this folder: C colour channels (always 3, RGB), H image
 * height in pixels, W image width in pixels, D days (W = D * dayWidth).
 */

/**
 * One daily OHLCV bar as Yahoo Finance reports it, with unadjusted open, high, low and
 * close, and a close adjusted for splits and dividends.
 */
export interface PriceBar {
  /** Trading day as an ISO 8601 calendar date, `YYYY-MM-DD`. */
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Close adjusted for later splits and dividends, in the same currency as `close`. */
  adjClose: number;
  /** Traded volume in shares. */
  volume: number;
}

/** Layout of a rendered chart, in pixels. */
export interface ChartOptions {
  /**
   * Width of each day's column strip, so one ViT patch of H x dayWidth pixels is one day.
   * Must be an integer >= 3 so that the 1-px gaps, the body and the wick fit.
   * @defaultValue 8
   */
  dayWidth: number;
  /**
   * Image height: the candlestick panel on top, the volume panel below it.
   * Must be an integer >= 8.
   * @defaultValue 32
   */
  height: number;
  /**
   * Rows of the candlestick panel, counted from the top. The remaining
   * `height - priceHeight` rows are the volume panel. Must be an integer in [1, height).
   * @defaultValue `height - Math.floor(height / 4)`, which is 24 for the default height
   */
  priceHeight: number;
  /**
   * Number of day strips. A shorter window is padded on the left with black strips, so
   * the most recent bar is always the rightmost strip. Must be an integer >= bars.length.
   * @defaultValue `bars.length`
   */
  days?: number;
}

/** A rendered chart: an RGB image in CHW layout with values in [0, 1]. */
export interface ChartImage {
  /** Width W in pixels, equal to `days * dayWidth`. */
  width: number;
  /** Height H in pixels. */
  height: number;
  channels: 3;
  /** Pixel values in CHW order: channel c at row y, column x is at `c*H*W + y*W + x`. */
  data: Float32Array;
  /** Number of day strips D, padding included. */
  days: number;
  /** Width of each day strip in pixels. */
  dayWidth: number;
}

/** An RGB colour with each channel in [0, 1]. */
export type RgbColor = readonly [red: number, green: number, blue: number];
