/** JSON schemas of the movement model's inputs: daily price bars and timestamped texts. */
import { MAX_TEXT_CHARS } from "@finfuse/text";

const positivePrice = { type: "number", exclusiveMinimum: 0 } as const;

export const priceBarSchema = {
  type: "object",
  description: "one trading day: date as YYYY-MM-DD, prices in the quote currency, volume in shares",
  required: ["date", "open", "high", "low", "close", "adjClose", "volume"],
  additionalProperties: false,
  properties: {
    date: { type: "string", format: "date" },
    open: positivePrice,
    high: positivePrice,
    low: positivePrice,
    close: positivePrice,
    adjClose: positivePrice,
    volume: { type: "number", minimum: 0 },
  },
} as const;

/** A message with a timestamp, such as a tweet or a headline. */
export const timedTextSchema = {
  type: "object",
  required: ["time", "text"],
  additionalProperties: false,
  properties: {
    time: { type: "string", minLength: 1, maxLength: 64, description: "an ISO 8601 time such as 2015-11-02T14:30:00Z" },
    text: { type: "string", maxLength: MAX_TEXT_CHARS },
  },
} as const;
