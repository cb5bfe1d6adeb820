/** Parses a JSONL file of timestamped texts: one {"time": "...", "text": "..."} object a line. */
import { InvalidInputError } from "@finfuse/tensor";
import type { TimedText } from "../movement/text-window.js";
import { parseIsoTime } from "../movement/iso-time.js";

export function parseTextsJsonl(content: string, source = "texts.jsonl"): TimedText[] {
  const texts: TimedText[] = [];
  // A UTF-8 byte order mark before the first line is not part of the JSON.
  content.replace(/^\uFEFF/, "").split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${source}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new InvalidInputError(`${where}: invalid JSON (${(error as Error).message}); each line must be one object such as {"time": "2015-11-02T14:30:00Z", "text": "..."}`);
    }
    const record = value as { time?: unknown; text?: unknown; created_at?: unknown };
    const time = record?.time ?? record?.created_at;
    if (typeof value !== "object" || value === null || typeof record.text !== "string" || typeof time !== "string") {
      throw new InvalidInputError(`${where}: expected {"time": string, "text": string}, received ${line.slice(0, 80)}`);
    }
    if (parseIsoTime(time) === undefined) {
      throw new InvalidInputError(`${where}: time "${time}" is not a date; use ISO 8601 such as 2015-11-02T14:30:00Z`);
    }
    texts.push({ time, text: record.text });
  });
  return texts;
}
