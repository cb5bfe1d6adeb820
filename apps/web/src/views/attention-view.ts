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
 * value, and `data-token` and `data-day` its row and column index. Shades run from the
 * smallest weight in the map (white) to the largest (dark blue), because the weights of a
 * row are often close to uniform and an absolute scale would show one flat colour.
 */
export function renderHeatmap(target: HTMLElement, prediction: MovementPrediction): void {
  const weights = prediction.textToDayAttention;
  const all = weights.flat();
  const minWeight = Math.min(...all);
  const maxWeight = Math.max(...all);
  const range = maxWeight - minWeight;
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
      const shade = range > 0 ? (weight - minWeight) / range : 0;
      cell.style.backgroundColor = `rgba(29, 78, 216, ${shade.toFixed(3)})`;
      cell.classList.toggle("dark", shade > 0.55);
      row.append(cell);
    });
    return row;
  });
  const headers = [t("columnToken"), ...prediction.days];
  const caption = element("p", t("heatmapRange", { min: minWeight.toFixed(4), max: maxWeight.toFixed(4) }), { class: "hint" });
  target.replaceChildren(caption, table(headers, rows, { id: "attention-table" }));
}
