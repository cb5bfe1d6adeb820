/** JSON schema of the error body that every failed request returns. */
export const errorResponseSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: ["invalid_input", "not_found", "payload_too_large", "model_unavailable", "internal"] },
        message: { type: "string" },
      },
    },
  },
} as const;

/** Response schemas for the error statuses, to merge into a route's `response`. */
export const errorResponses = {
  "4xx": errorResponseSchema,
  "5xx": errorResponseSchema,
} as const;
