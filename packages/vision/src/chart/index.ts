export {
  DEFAULT_CHART_HEIGHT,
  DEFAULT_DAY_WIDTH,
  DEFAULT_PRICE_HEIGHT,
  DOWN_COLOR,
  DOWN_VOLUME_COLOR,
  MIN_CHART_HEIGHT,
  MIN_DAY_WIDTH,
  UP_COLOR,
  UP_VOLUME_COLOR,
  defaultPriceHeight,
  renderChart,
} from "./render-chart.js";
export { MAX_PNG_SCALE, chartToPng, chartToRgba } from "./png.js";
export type { ChartImage, ChartOptions, PriceBar, RgbColor } from "./types.js";
