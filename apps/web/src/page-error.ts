/**
 * Turns any error the page catches into a message in the current language. Library errors
 * keep their own (English) text, which names the invalid value, inside a translated frame.
 */
import { InvalidInputError, ModelLoadError } from "@finfuse/tensor";
import { ApiError } from "./api.js";
import type { MessageKey } from "./i18n.js";

/** A message key with its parameters, rendered with `t()` so it follows language changes. */
export interface PageMessage {
  key: MessageKey;
  params: Record<string, string | number>;
}

/** An error raised by the page itself, carrying the message to show instead of English text. */
export class PageError extends Error {
  override readonly name = "PageError";

  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/** Maps a caught error to the message shown in the page; logs errors the page did not expect. */
export function describeError(error: unknown): PageMessage {
  if (error instanceof PageError) return { key: error.key, params: error.params };
  if (error instanceof InvalidInputError) return { key: "errorInvalidInput", params: { message: error.message } };
  if (error instanceof ModelLoadError) return { key: "errorModelLoad", params: { message: error.message } };
  if (error instanceof ApiError) {
    const key = error.status === 400 ? "errorInvalidInput" : "errorServer";
    return { key, params: { message: error.message } };
  }
  console.error(error);
  const message = error instanceof Error ? error.message : String(error);
  return { key: "errorUnexpected", params: { message } };
}
