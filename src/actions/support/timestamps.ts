// Timestamps in request bodies (AWS JSON carries them as epoch seconds; tests may hand over Dates or ISO text).

/** The instant a request timestamp names, in epoch ms, or undefined when absent or unreadable. */
export function epochMs(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value * 1000;
  const parsed = Date.parse(String(value));
  return Number.isNaN(parsed) ? undefined : parsed;
}
