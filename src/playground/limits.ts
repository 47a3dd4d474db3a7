/**
 * Limits on the reader's source code (issue 9), wherever it comes from (typed, restored from
 * storage, read from a share link): longer code is refused before any work starts (compiling,
 * type checking, sharing). A tutorial program is a few thousand characters.
 */
export const MAX_SOURCE_CHARS = 100_000;

/** What to tell the reader about code over the limit, or null when it is within it. */
export function sourceTooLong(code: string): string | null {
  return code.length > MAX_SOURCE_CHARS
    ? `The program is too long (${code.length.toLocaleString("en-US")} characters; the playground takes up to ${MAX_SOURCE_CHARS.toLocaleString("en-US")}).`
    : null;
}
