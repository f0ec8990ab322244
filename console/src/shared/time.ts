/** An epoch-millisecond time of the API as a date and time in the reader's language. */
export function formatTimestamp(epochMillis: number, language: string) {
  return new Date(epochMillis).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" });
}
