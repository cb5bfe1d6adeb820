/**
 * The movement model's explanations: the top attended words and a heatmap of text-to-day
 * attention (T text tokens as rows, D days as columns).
 */
import type { MovementPrediction } from "@finfuse/finance";
import { element, table } from "../dom.js";
import { t } from "../i18n.js";

/** Renders the ranked words the days attend to, or a note when the window had no text. */
export function renderTopWords(target: HTMLElement, prediction: MovementPrediction): void {
  if (prediction.topWords.length === 0) {
    target.replaceChildren(element("p", t("noTexts"), { class: "note" }));
    return;
  }
  const rows = prediction.topWords.map((entry, rank) => {
    const row = element("tr", undefined, { "data-word": entry.word, "data-weight": String(entry.weight), "data-day": entry.day });
    row.append(
      element("td", String(rank + 1)),
      element("td", entry.word),
      element("td", entry.weight.toFixed(3), { class: "number" }),
      element("td", entry.day),
    );
    return row;
  });
  const headers = [t("columnRank"), t("columnWord"), t("columnWeight"), t("columnDay")];
  target.replaceChildren(table(headers, rows, { id: "top-words-table" }));
}

/**
 * Renders textToDayAttention as a table. Each cell's `data-weight` contains the full-precision
 * value, and `data-token` and `data-day` its row and column index. The shade is on a fixed
 * scale: white at the uniform weight 1/D (no preference among the D days) and dark blue at
 * 1 (all attention on one day), so near-uniform maps look near-white, as they should.
 */
export function renderHeatmap(target: HTMLElement, prediction: MovementPrediction): void {
  const weights = prediction.textToDayAttention;
  const all = weights.flat();
  const minWeight = Math.min(...all);
  const maxWeight = Math.max(...all);
  const uniform = 1 / prediction.days.length;
  const rows = weights.map((dayWeights, token) => {
    const row = element("tr");
    row.append(element("th", prediction.tokens[token], { scope: "row" }));
    dayWeights.forEach((weight, day) => {
      const cell = element("td", weight.toFixed(3), {
        "data-token": String(token),
        "data-day": String(day),
        "data-weight": String(weight),
        title: `${prediction.tokens[token]} → ${prediction.days[day]}: ${weight}`,
      });
      const shade = Math.min(1, Math.max(0, (weight - uniform) / (1 - uniform)));
      cell.style.backgroundColor = `rgba(29, 78, 216, ${shade.toFixed(3)})`;
      cell.classList.toggle("dark", shade > 0.55);
      row.append(cell);
    });
    return row;
  });
  const headers = [t("columnToken"), ...prediction.days];
  const caption = element("p", t("heatmapRange", { min: minWeight.toFixed(4), max: maxWeight.toFixed(4), uniform: uniform.toFixed(3) }), { class: "hint" });
  target.replaceChildren(caption, table(headers, rows, { id: "attention-table" }));
}
