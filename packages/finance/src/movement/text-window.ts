/**
 * Turns the texts of a lag window (tweets or headlines with timestamps) into one token
 * sequence for the movement model. When the window has more tokens than fit, the newest
 * texts are kept, then put back in time order between [CLS] and [SEP]. A window with
 * no text becomes "[CLS] [SEP]", which the model learns to read as "no text".
 */
import { InvalidInputError } from "@finfuse/tensor";
import { padTokenRows, type TextTokenizer } from "@finfuse/text";
import { parseIsoTime } from "./iso-time.js";

export interface TimedText {
  /** ISO 8601 timestamp (or YYYY-MM-DD). */
  time: string;
  text: string;
}

export interface EncodedWindow {
  ids: number[];
  tokens: string[];
  /** For each token, the index into the caller's texts it came from; -1 for [CLS] and [SEP]. */
  sourceIndex: number[];
}

/** Most tokens one text may contribute, so a single long post cannot fill the window. */
export const MAX_TOKENS_PER_TEXT = 32;
/** Most texts one window accepts. */
export const MAX_WINDOW_TEXTS = 2000;

export function encodeTextWindow(tokenizer: TextTokenizer, texts: readonly TimedText[], maxLength: number): EncodedWindow {
  if (texts.length > MAX_WINDOW_TEXTS) {
    throw new InvalidInputError(`texts: ${texts.length} texts are over the limit of ${MAX_WINDOW_TEXTS} per window; send the most recent ones`);
  }
  const order = texts.map((entry, index) => {
    if (typeof entry?.text !== "string" || typeof entry.time !== "string") {
      throw new InvalidInputError(`texts[${index}] must be {"time": "ISO 8601 string", "text": "string"}, received ${JSON.stringify(entry)?.slice(0, 80)}`);
    }
    const time = parseIsoTime(entry.time);
    if (time === undefined) throw new InvalidInputError(`texts[${index}].time "${entry.time}" is not a valid date; use ISO 8601 such as 2015-11-02T14:30:00Z`);
    return { index, time };
  });
  order.sort((a, b) => b.time - a.time || a.index - b.index);

  const cls = tokenizer.tokenId("[CLS]") ?? 2;
  const sep = tokenizer.tokenId("[SEP]") ?? 3;
  const budget = maxLength - 2;
  const kept: Array<{ index: number; time: number; ids: number[]; tokens: string[] }> = [];
  let used = 0;
  for (const { index, time } of order) {
    if (used >= budget) break;
    const text = texts[index].text.trim();
    if (text === "") continue;
    const encoded = tokenizer.encode(text, MAX_TOKENS_PER_TEXT + 2);
    // Drop the tokenizer's own [CLS] and [SEP]; the window adds one pair around everything.
    const ids = encoded.ids.slice(1, -1).slice(0, budget - used);
    const tokens = encoded.tokens.slice(1, -1).slice(0, ids.length);
    if (ids.length === 0) continue;
    kept.push({ index, time, ids, tokens });
    used += ids.length;
  }
  kept.sort((a, b) => a.time - b.time || a.index - b.index);

  const window: EncodedWindow = { ids: [cls], tokens: ["[CLS]"], sourceIndex: [-1] };
  for (const piece of kept) {
    window.ids.push(...piece.ids);
    window.tokens.push(...piece.tokens);
    for (let i = 0; i < piece.ids.length; i++) window.sourceIndex.push(piece.index);
  }
  window.ids.push(sep);
  window.tokens.push("[SEP]");
  window.sourceIndex.push(-1);
  return window;
}

/** Pads encoded windows into a [batch, sequence] id and mask batch. */
export function padWindows(windows: readonly EncodedWindow[], padId: number): { inputIds: number[]; attentionMask: number[]; dims: [number, number] } {
  return padTokenRows(windows.map((window) => window.ids), padId);
}
