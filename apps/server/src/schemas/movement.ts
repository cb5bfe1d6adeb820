/** Request and response of POST /v1/movement. */
import { MAX_WINDOW_TEXTS, MOVEMENT_LABELS, type MovementLabel, type MovementPrediction, type PriceBar, type TimedText } from "@finfuse/finance";

import { errorResponses } from "./error.js";
import { priceBarSchema, timedTextSchema } from "./movement-inputs.js";

/** Most price bars a request may carry; the model itself requires its window length (5 for the default model). */
export const MAX_REQUEST_BARS = 64;

export interface MovementRequest {
  ticker?: string;
  date?: string;
  prices: PriceBar[];
  texts: TimedText[];
  /** Ignored; accepted so that a GET /v1/stocknet/:ticker/:date response can be posted unchanged. */
  label?: MovementLabel;
  /** Ignored, like `label`. */
  move?: number;
}

export const movementBodySchema = {
  type: "object",
  required: ["prices"],
  additionalProperties: false,
  properties: {
    ticker: { type: "string", minLength: 1, maxLength: 32 },
    date: { type: "string", format: "date", description: "the target trading day as YYYY-MM-DD" },
    prices: {
      type: "array",
      minItems: 1,
      maxItems: MAX_REQUEST_BARS,
      description: "the trading days before the target date, oldest first",
      items: priceBarSchema,
    },
    texts: { type: "array", maxItems: MAX_WINDOW_TEXTS, default: [], items: timedTextSchema },
    label: { type: "string", enum: [...MOVEMENT_LABELS] },
    move: { type: "number" },
  },
} as const;

const numberRows = { type: "array", items: { type: "array", items: { type: "number" } } } as const;

const movementPredictionSchema = {
  type: "object",
  required: ["label", "probabilityUp", "probabilities", "days", "tokens", "textToDayAttention", "dayToTextAttention", "topWords"],
  properties: {
    ticker: { type: "string" },
    date: { type: "string" },
    label: { type: "string", enum: [...MOVEMENT_LABELS] },
    probabilityUp: { type: "number" },
    probabilities: {
      type: "object",
      required: [...MOVEMENT_LABELS],
      properties: Object.fromEntries(MOVEMENT_LABELS.map((label) => [label, { type: "number" }])),
    },
    days: { type: "array", items: { type: "string" } },
    tokens: { type: "array", items: { type: "string" } },
    textToDayAttention: numberRows,
    dayToTextAttention: numberRows,
    topWords: {
      type: "array",
      items: {
        type: "object",
        required: ["word", "weight", "day"],
        properties: { word: { type: "string" }, weight: { type: "number" }, day: { type: "string" } },
      },
    },
  },
} as const;

export type MovementResponse = MovementPrediction;

export const movementRouteSchema = {
  body: movementBodySchema,
  response: { 200: movementPredictionSchema, ...errorResponses },
} as const;
