/** Draws the candlestick chart exactly as the movement model reads it. */
import type { MovementFolderConfig, PriceBar } from "@finfuse/finance";
import { chartToRgba, renderChart } from "@finfuse/vision";

/** Display magnification; CSS `image-rendering: pixelated` keeps the pixels sharp. */
const DISPLAY_SCALE = 6;

export interface ChartSize {
  width: number;
  height: number;
  dayWidth: number;
}

/**
 * Renders `bars` with the model's chart settings into `canvas` at its native size, and
 * sets the canvas's CSS size to DISPLAY_SCALE times that.
 *
 * @throws InvalidInputError from renderChart when a bar is invalid.
 */
export function drawChart(canvas: HTMLCanvasElement, bars: readonly PriceBar[], chart: MovementFolderConfig["chart"]): ChartSize {
  const image = renderChart([...bars], { dayWidth: chart.dayWidth, height: chart.height, priceHeight: chart.priceHeight, days: chart.days });
  const rgba = chartToRgba(image);
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.style.width = `${image.width * DISPLAY_SCALE}px`;
  canvas.style.height = `${image.height * DISPLAY_SCALE}px`;
  const context = canvas.getContext("2d");
  if (context === null) throw new Error("the browser returned no 2D context for the chart canvas");
  // Copy into a fresh ArrayBuffer-backed array, which the ImageData constructor requires.
  context.putImageData(new ImageData(new Uint8ClampedArray(rgba), image.width, image.height), 0, 0);
  return { width: image.width, height: image.height, dayWidth: image.dayWidth };
}
