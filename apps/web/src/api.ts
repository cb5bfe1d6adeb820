/**
 * Calls to apps/server's StockNet routes. Predictions never go through the server: the
 * page runs the models itself, and only fetches inputs here.
 */
import type { PriceBar, TimedText } from "@finfuse/finance";

/** A labelled target date of one StockNet ticker. */
export interface StocknetDate {
  date: string;
  split: string;
  label: string;
}

/** One StockNet sample: the 5-day window before `date` and the texts published in it. */
export interface StocknetSample {
  ticker: string;
  date: string;
  prices: PriceBar[];
  texts: TimedText[];
  /** "up" or "down", or absent when the move falls between StockNet's thresholds. */
  label?: string;
  /** Relative change of the adjusted close on `date` against the day before. */
  move: number;
}

/** A failed request, with the server's error code and message when it sent one. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchTickers(): Promise<string[]> {
  const body = await getJson<{ tickers: string[] }>("/v1/stocknet/tickers");
  return body.tickers;
}

export async function fetchDates(ticker: string): Promise<StocknetDate[]> {
  const body = await getJson<{ dates: StocknetDate[] }>(`/v1/stocknet/${encodeURIComponent(ticker)}/dates`);
  return body.dates;
}

export function fetchSample(ticker: string, date: string): Promise<StocknetSample> {
  return getJson<StocknetSample>(`/v1/stocknet/${encodeURIComponent(ticker)}/${encodeURIComponent(date)}`);
}

async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: "application/json" } });
  } catch (error) {
    throw new ApiError(0, "network_error", `GET ${path} failed: ${(error as Error).message}`);
  }
  if (!response.ok) throw await errorOf(path, response);
  return (await response.json()) as T;
}

/** Builds an ApiError from the server's `{error: {code, message}}` body, or from the status line. */
async function errorOf(path: string, response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === "string" ? error.code : `http_${response.status}`;
  const message = typeof error?.message === "string" ? error.message : `GET ${path} returned HTTP ${response.status}`;
  return new ApiError(response.status, code, message);
}
