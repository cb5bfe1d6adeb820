/** Parameters and responses of the GET /v1/stocknet/... routes. */
import { MOVEMENT_LABELS, STOCKNET_SPLIT_NAMES } from "@finfuse/finance";

import { errorResponses } from "./error.js";
import { priceBarSchema, timedTextSchema } from "./movement-inputs.js";

/**
 * A ticker: 1 to 6 letters, with an optional share-class suffix, in either case (the
 * routes upper-case it). The suffix admits StockNet's BRK-A and RDS-B, and the pattern
 * keeps the value safe to use in a path.
 */
export const TICKER_PATTERN = "^[A-Za-z]{1,6}(-[A-Za-z])?$";

const tickerSchema = {
  type: "string",
  pattern: TICKER_PATTERN,
  description: "a ticker of 1 to 6 letters such as AAPL, with an optional class suffix such as BRK-A",
} as const;

const dateSchema = { type: "string", format: "date", description: "a calendar date written as YYYY-MM-DD" } as const;

export interface TickerParams {
  ticker: string;
}

export interface TickerDateParams {
  ticker: string;
  date: string;
}

export const tickersRouteSchema = {
  response: {
    200: {
      type: "object",
      required: ["tickers"],
      properties: { tickers: { type: "array", items: { type: "string" } } },
    },
    ...errorResponses,
  },
} as const;

export const datesRouteSchema = {
  params: {
    type: "object",
    required: ["ticker"],
    properties: { ticker: tickerSchema },
  },
  response: {
    200: {
      type: "object",
      required: ["ticker", "dates"],
      properties: {
        ticker: { type: "string" },
        dates: {
          type: "array",
          items: {
            type: "object",
            required: ["date", "split", "label"],
            properties: {
              date: { type: "string" },
              split: { type: "string", enum: [...STOCKNET_SPLIT_NAMES] },
              label: { type: "string", enum: [...MOVEMENT_LABELS] },
            },
          },
        },
      },
    },
    ...errorResponses,
  },
} as const;

export const windowRouteSchema = {
  params: {
    type: "object",
    required: ["ticker", "date"],
    properties: { ticker: tickerSchema, date: dateSchema },
  },
  response: {
    200: {
      type: "object",
      required: ["ticker", "date", "prices", "texts", "move"],
      properties: {
        ticker: { type: "string" },
        date: { type: "string" },
        prices: { type: "array", items: priceBarSchema },
        texts: { type: "array", items: timedTextSchema },
        label: { type: "string", enum: [...MOVEMENT_LABELS] },
        move: { type: "number" },
      },
    },
    ...errorResponses,
  },
} as const;
