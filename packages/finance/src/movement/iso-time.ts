/** Strict ISO 8601 timestamps for text times: a date, or a date and time with an optional zone. */

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Returns the time in milliseconds since the epoch, or undefined when `value` is not an
 * ISO 8601 date or date-time. A date or a time without a zone is read as UTC.
 */
export function parseIsoTime(value: string): number | undefined {
  if (!ISO_TIME.test(value)) return undefined;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(value) && value.length > 10;
  const normalized = value.replace(" ", "T");
  const time = Date.parse(hasZone || value.length === 10 ? normalized : `${normalized}Z`);
  return Number.isNaN(time) ? undefined : time;
}
