/** Renders one movement prediction: chart, label, P(up), actual move, top words and heatmap. */
import type { MovementFolderConfig, MovementPrediction, PriceBar } from "@finfuse/finance";
import { byId } from "../dom.js";
import { t } from "../i18n.js";
import { renderHeatmap, renderTopWords } from "./attention-view.js";
import { drawChart } from "./chart-view.js";

/** A prediction with the inputs needed to show it again after a language change. */
export interface MovementResult {
  prediction: MovementPrediction;
  bars: readonly PriceBar[];
  chart: MovementFolderConfig["chart"];
  /** The actual move of a StockNet sample; undefined for pasted data. */
  actual?: { date: string; label?: string; move: number };
}

/**
 * Draws `result` into the #movement-result block. `#movement-probability` carries the
 * full-precision P(up) in `data-probability-up`, and `#movement-label` the label in `data-label`.
 */
export function renderMovementResult(result: MovementResult): void {
  const { prediction } = result;
  const size = drawChart(byId<HTMLCanvasElement>("chart-canvas"), result.bars, result.chart);
  byId("chart-caption").textContent = t("chartCaption", { ...size });

  const label = byId("movement-label");
  label.textContent = t(prediction.label === "up" ? "labelUp" : "labelDown");
  label.dataset.label = prediction.label;
  label.className = `movement-${prediction.label}`;

  const probability = byId("movement-probability");
  probability.textContent = t("probabilityUp", { value: prediction.probabilityUp.toFixed(4) });
  probability.dataset.probabilityUp = String(prediction.probabilityUp);

  renderActualMove(byId("movement-actual"), result.actual);
  renderTopWords(byId("top-words"), prediction);
  renderHeatmap(byId("attention-heatmap"), prediction);
  byId("movement-result").hidden = false;
}

function renderActualMove(target: HTMLElement, actual: MovementResult["actual"]): void {
  target.hidden = actual === undefined;
  if (actual === undefined) return;
  const move = `${actual.move >= 0 ? "+" : ""}${(actual.move * 100).toFixed(2)}%`;
  if (actual.label === "up" || actual.label === "down") {
    const label = t(actual.label === "up" ? "labelUp" : "labelDown");
    target.textContent = t("actualMove", { date: actual.date, label, move });
  } else {
    target.textContent = t("actualMoveUnlabelled", { date: actual.date, move });
  }
}
