/**
 * Parser for daily price files in Yahoo Finance's CSV layout
 * (`Date,Open,High,Low,Close,Adj Close,Volume`). Browser-safe: it takes the file's text,
 * so callers read the file with whatever their platform offers.
 *
 * This is a small strict parser and not a CSV library. The layout contains only dates and
 * numbers, so it needs no quoting rules beyond removing one pair of quotes around a
 * field, and owning the loop lets every error give the exact line and column.
 */
import type { PriceBar } from "@finfuse/vision";
import { InvalidInputError } from "@finfuse/tensor";

import { isIsoDate } from "./iso-date.js";

export type { PriceBar };

type NumericField = Exclude<keyof PriceBar, "date">;

/** Header names (lower-cased) mapped to the field they fill. */
const COLUMN_FIELDS: Readonly<Record<string, keyof PriceBar>> = {
  date: "date",
  open: "open",
  high: "high",
  low: "low",
  close: "close",
  "adj close": "adjClose",
  volume: "volume",
};

/** Header spelling of each field, for error messages. */
const FIELD_HEADERS: Readonly<Record<keyof PriceBar, string>> = {
  date: "Date",
  open: "Open",
  high: "High",
  low: "Low",
  close: "Close",
  adjClose: "Adj Close",
  volume: "Volume",
};

const REQUIRED_FIELDS: readonly (keyof PriceBar)[] = ["date", "open", "high", "low", "close", "volume"];
const ALL_FIELDS: readonly (keyof PriceBar)[] = [...REQUIRED_FIELDS, "adjClose"];
const PRICE_FIELDS: readonly NumericField[] = ["open", "high", "low", "close", "adjClose"];
const DECIMAL_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface ParsedRow {
  bar: PriceBar;
  line: number;
}

/**
 * Parses a price CSV into bars sorted by ascending date.
 *
 * Columns are matched by header name, ignoring case, and unknown columns are ignored. A
 * leading byte order mark, CRLF line ends and blank lines are accepted. When the file has
 * no `Adj Close` column, `adjClose` is a copy of `close`. Rows with `null` in any field are
 * skipped, because Yahoo writes such rows for days without data.
 *
 * @param text - Contents of the file.
 * @param source - File name used in error messages.
 * @throws InvalidInputError when a column is missing, a row has the wrong number of
 *   fields, a date is not `YYYY-MM-DD`, a number is invalid or out of range, high is
 *   below low, or a date repeats. The message names the file, line, column and value.
 * @example
 * const bars = parsePriceCsv(await (await fetch("/AAPL.csv")).text(), "AAPL.csv");
 */
export function parsePriceCsv(text: string, source = "prices.csv"): PriceBar[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0] ?? "";
  if (header.trim() === "") {
    throw new InvalidInputError(
      `${source}:1: the header line is empty. A price CSV starts with "Date,Open,High,Low,Close,Adj Close,Volume".`,
    );
  }
  const layout = mapColumns(splitFields(header), source);

  const rows: ParsedRow[] = [];
  for (let index = 1; index < lines.length; index++) {
    const lineText = lines[index];
    if (lineText.trim() === "") continue;
    const bar = parseRow(splitFields(lineText), layout, source, index + 1);
    if (bar !== undefined) rows.push({ bar, line: index + 1 });
  }

  rows.sort(compareRowDates);
  rejectDuplicateDates(rows, source);
  return rows.map((row) => row.bar);
}

function splitFields(lineText: string): string[] {
  return lineText.split(",").map((field) => {
    const trimmed = field.trim();
    const quoted = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"');
    return quoted ? trimmed.slice(1, -1).trim() : trimmed;
  });
}

/** Column index of each field, and the number of fields in a row. */
interface ColumnLayout {
  indexes: Record<keyof PriceBar, number>;
  width: number;
  hasAdjClose: boolean;
}

/** Finds each field's column from the header, checking that every required column is present. */
function mapColumns(names: string[], source: string): ColumnLayout {
  const found = new Map<keyof PriceBar, number>();
  names.forEach((name, index) => {
    const field = COLUMN_FIELDS[name.toLowerCase()];
    if (field === undefined) return;
    if (found.has(field)) {
      throw new InvalidInputError(
        `${source}:1: column "${FIELD_HEADERS[field]}" appears twice in the header. Remove one of them.`,
      );
    }
    found.set(field, index);
  });

  const missing = REQUIRED_FIELDS.filter((field) => !found.has(field));
  if (missing.length > 0) {
    const missingNames = missing.map((field) => `"${FIELD_HEADERS[field]}"`).join(", ");
    throw new InvalidInputError(
      `${source}:1: missing column ${missingNames} in header "${names.join(",")}". ` +
        "The header must name Date, Open, High, Low, Close and Volume; Adj Close is optional.",
    );
  }

  const column = (field: keyof PriceBar): number => found.get(field) ?? -1;
  const closeIndex = column("close");
  return {
    indexes: {
      date: column("date"),
      open: column("open"),
      high: column("high"),
      low: column("low"),
      close: closeIndex,
      adjClose: found.get("adjClose") ?? closeIndex,
      volume: column("volume"),
    },
    width: names.length,
    hasAdjClose: found.has("adjClose"),
  };
}

/** Parses one data row, or returns undefined for a row that contains `null`. */
function parseRow(fields: string[], layout: ColumnLayout, source: string, line: number): PriceBar | undefined {
  if (fields.length !== layout.width) {
    throw new InvalidInputError(
      `${source}:${line}: the row has ${fields.length} fields but the header has ${layout.width} columns. ` +
        "Check for a missing or extra comma, and write numbers without thousands separators.",
    );
  }
  const valueOf = (field: keyof PriceBar): string => fields[layout.indexes[field]];
  if (ALL_FIELDS.some((field) => valueOf(field).toLowerCase() === "null")) return undefined;

  const date = valueOf("date");
  if (!isIsoDate(date)) {
    throw invalidValue(source, line, "date", date, "is not a calendar date in YYYY-MM-DD form");
  }
  const numberOf = (field: NumericField): number => {
    const reported = field === "adjClose" && !layout.hasAdjClose ? "close" : field;
    return parseNumber(valueOf(field), source, line, reported);
  };
  const bar: PriceBar = {
    date,
    open: numberOf("open"),
    high: numberOf("high"),
    low: numberOf("low"),
    close: numberOf("close"),
    adjClose: numberOf("adjClose"),
    volume: numberOf("volume"),
  };
  if (bar.high < bar.low) {
    throw new InvalidInputError(
      `${source}:${line}: column "High" (${bar.high}) is below column "Low" (${bar.low}). ` +
        "Check whether the two columns are swapped, or delete the row.",
    );
  }
  return bar;
}

function parseNumber(value: string, source: string, line: number, field: NumericField): number {
  if (!DECIMAL_PATTERN.test(value)) {
    throw invalidValue(source, line, field, value, "is not a decimal number");
  }
  const number = Number(value);
  if (!Number.isFinite(number)) {
    throw invalidValue(source, line, field, value, "is not a finite number");
  }
  if (PRICE_FIELDS.includes(field) && number <= 0) {
    throw invalidValue(source, line, field, value, "is not a positive price");
  }
  if (field === "volume" && number < 0) {
    throw invalidValue(source, line, field, value, "is a negative volume");
  }
  return number;
}

function invalidValue(
  source: string,
  line: number,
  field: keyof PriceBar,
  value: string,
  problem: string,
): InvalidInputError {
  return new InvalidInputError(
    `${source}:${line}: column "${FIELD_HEADERS[field]}" value "${value}" ${problem}. ` +
      'Fix the value, write "null" in the row to skip it, or delete the row.',
  );
}

function compareRowDates(a: ParsedRow, b: ParsedRow): number {
  if (a.bar.date < b.bar.date) return -1;
  if (a.bar.date > b.bar.date) return 1;
  return 0;
}

function rejectDuplicateDates(rows: ParsedRow[], source: string): void {
  for (let index = 1; index < rows.length; index++) {
    const previous = rows[index - 1];
    const current = rows[index];
    if (previous.bar.date === current.bar.date) {
      const [first, second] = [previous.line, current.line].sort((a, b) => a - b);
      throw new InvalidInputError(
        `${source}:${second}: date ${current.bar.date} also appears on line ${first}. ` +
          "Keep one row per trading day.",
      );
    }
  }
}
