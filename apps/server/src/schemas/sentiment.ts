/** Request and response of POST /v1/sentiment. */
import { SENTIMENT_LABELS, type SentimentResult } from "@finfuse/finance";
import { MAX_TEXT_CHARS } from "@finfuse/text";

import { errorResponses } from "./error.js";

export interface SentimentRequest {
  texts: string[];
}

export interface SentimentResponse {
  results: SentimentResult[];
}

/** Most texts one request may carry; a bigger job is split into several requests. */
export const MAX_REQUEST_TEXTS = 256;

const probabilitySchema = { type: "number", minimum: 0, maximum: 1 } as const;

export const sentimentRouteSchema = {
  body: {
    type: "object",
    required: ["texts"],
    additionalProperties: false,
    properties: {
      texts: {
        type: "array",
        minItems: 1,
        maxItems: MAX_REQUEST_TEXTS,
        items: {
          type: "string",
          minLength: 1,
          maxLength: MAX_TEXT_CHARS,
          pattern: "\\S",
          description: "a text with at least one character that is not whitespace",
        },
      },
    },
  },
  response: {
    200: {
      type: "object",
      required: ["results"],
      properties: {
        results: {
          type: "array",
          items: {
            type: "object",
            required: ["text", "label", "probabilities"],
            properties: {
              text: { type: "string" },
              label: { type: "string", enum: [...SENTIMENT_LABELS] },
              probabilities: {
                type: "object",
                required: [...SENTIMENT_LABELS],
                properties: Object.fromEntries(SENTIMENT_LABELS.map((label) => [label, probabilitySchema])),
              },
            },
          },
        },
      },
    },
    ...errorResponses,
  },
} as const;
