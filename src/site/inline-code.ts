/**
 * Text from a data file (an exercise's hints and messages) with `backticks` around code, as
 * parts to render: text nodes and <code> elements, never HTML. Used at build time
 * (InlineCode.astro) and in the page (exercise.ts), so both show the same thing.
 */
export interface Span {
  text: string;
  code: boolean;
}

export function codeSpans(text: string): Span[] {
  const parts = text.split("`");
  // An odd backtick out is shown as it is.
  if (parts.length % 2 === 0) return [{ text, code: false }];
  return parts.map((t, i) => ({ text: t, code: i % 2 === 1 })).filter((p) => p.text !== "");
}

/** The same text without the marks, for places that take plain text. */
export function plain(text: string): string {
  return codeSpans(text).map((p) => p.text).join("");
}
