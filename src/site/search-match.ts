/**
 * Pure helpers for the search dialog (search.ts), kept apart so Node tests can hold them to
 * their promises.
 *
 * Pagefind backtracks: a word it cannot find is replaced by its longest prefix that is in the
 * index, so "xyzzy" finds the pages that contain "x" (Pagefind/pagefind#599, #793). Readers
 * take that for matches. `genuineMatch` keeps a page only if each word of the query shares a
 * real prefix with a word of the page: all of a short word, at least four letters of a long
 * one (enough for Pagefind's stemming: "awaiting" still finds "await", "cancellation" finds
 * "cancel", "xyzzy" finds nothing).
 */

/** The words of a query, lower-cased (as Pagefind splits them: on anything but letters, digits and _). */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Whether every term of the query stands for a word of `content`. */
export function genuineMatch(content: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const words = new Set(content.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean));
  return terms.every((term) => {
    const needed = Math.min(term.length, 4);
    for (const word of words) if (commonPrefix(term, word) >= needed) return true;
    return false;
  });
}

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Pagefind's excerpt (escaped page text with <mark> around the matches) as text parts, so the
 * page shows it with text nodes and <mark> elements instead of parsing it as HTML. Any other
 * tag is dropped.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of excerpt.split(/(<\/?[a-z][^>]*>)/i)) {
    if (/^<mark\b[^>]*>$/i.test(piece)) mark = true;
    else if (/^<\/mark>$/i.test(piece)) mark = false;
    else if (/^<\/?[a-z][^>]*>$/i.test(piece)) continue;
    else if (piece !== "") parts.push({ text: decode(piece), mark });
  }
  return parts;
}
