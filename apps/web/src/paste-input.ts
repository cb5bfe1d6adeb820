/**
 * Parses the movement panel's pasted inputs (a price CSV and headlines) and formats a
 * StockNet sample back into those two fields.
 */
import { parsePriceCsv, parseTextsJsonl, type PriceBar, type TimedText } from "@finfuse/finance";
import { InvalidInputError } from "@finfuse/tensor";
import { PageError } from "./page-error.js";

/**
 * "YYYY-MM-DD HH:MM text" or "YYYY-MM-DD text"; a "T" may separate the date and time, and
 * ISO 8601 seconds and a "Z" (UTC) may follow, as in "2015-10-28T21:00:00Z text".
 */
const HEADLINE_PATTERN = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z?)?\s+(\S.*)$/;

const CSV_HEADER = "Date,Open,High,Low,Close,Adj Close,Volume";

/**
 * Parses a Yahoo Finance price CSV and returns its last `days` bars by date, the lag
 * window before the target day.
 *
 * @throws InvalidInputError from parsePriceCsv, naming the line and value.
 * @throws PageError when the file has fewer than `days` rows with data.
 */
export function parsePriceWindow(csv: string, days: number): PriceBar[] {
  const bars = parsePriceCsv(csv, "prices.csv");
  if (bars.length < days) throw new PageError("errorTooFewBars", { count: bars.length, days });
  return bars.slice(-days);
}

/**
 * Parses the headlines field. When its first non-blank line starts with "{", the whole
 * field is JSON Lines. Otherwise every non-blank line is "YYYY-MM-DD[ HH:MM] text" in UTC.
 * An empty field is a window without texts.
 *
 * @throws InvalidInputError naming the line that is not in the chosen format.
 */
export function parseHeadlines(content: string, source = "headlines"): TimedText[] {
  const lines = content.split(/\r?\n/);
  const firstLine = lines.find((line) => line.trim() !== "");
  if (firstLine === undefined) return [];
  if (firstLine.trimStart().startsWith("{")) return parseTextsJsonl(content, source);

  const texts: TimedText[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    texts.push(parseHeadlineLine(line.trim(), `${source}:${index + 1}`));
  });
  return texts;
}

function parseHeadlineLine(line: string, where: string): TimedText {
  const match = HEADLINE_PATTERN.exec(line);
  if (match === null) {
    throw new InvalidInputError(
      `${where}: "${line.slice(0, 80)}" does not start with a date; write "YYYY-MM-DD HH:MM headline", or write every line as JSON {"time": ..., "text": ...}`,
    );
  }
  const [, date, clock = "00:00", text] = match;
  const time = `${date}T${clock}:00Z`;
  const parsed = Date.parse(time);
  // Date.parse rolls some impossible dates over (2015-02-30 becomes March 2), so compare back.
  if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 16) !== time.slice(0, 16)) {
    throw new InvalidInputError(`${where}: "${date} ${clock}" is not a valid date and time; use YYYY-MM-DD HH:MM with a 24-hour clock`);
  }
  return { time, text };
}

/** Formats bars as a price CSV that parsePriceWindow reads back unchanged. */
export function formatPriceCsv(bars: readonly PriceBar[]): string {
  const rows = bars.map((bar) => [bar.date, bar.open, bar.high, bar.low, bar.close, bar.adjClose, bar.volume].join(","));
  return [CSV_HEADER, ...rows].join("\n");
}

/** Formats texts as JSON Lines, which keep each exact timestamp. */
export function formatHeadlines(texts: readonly TimedText[]): string {
  return texts.map((entry) => JSON.stringify({ time: entry.time, text: entry.text })).join("\n");
}
