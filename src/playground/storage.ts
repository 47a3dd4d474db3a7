/**
 * Edits are saved per example as they are typed, under a key that includes a hash of the
 * original code: when an example's original changes, an old edit of the old original is not
 * shown as if it were an edit of the new one (the Go Tour keys its saved files the same way).
 */
import { MAX_SOURCE_CHARS } from "./limits.ts";

/** cyrb53: a small, fast, well-distributed 53-bit string hash (public domain). */
export function hashCode(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function editKey(exampleId: string, original: string): string {
  return `asyncio-example:v1:${exampleId}:${hashCode(original)}`;
}

/**
 * localStorage can be missing or throw (privacy modes, quota): then edits live in memory.
 * What storage holds is untrusted (issue 9): an edit longer than the playground takes is
 * not shown.
 */
export function loadEdit(key: string): string | null {
  try {
    const saved = window.localStorage.getItem(key);
    return saved !== null && saved.length > MAX_SOURCE_CHARS ? null : saved;
  } catch {
    return null;
  }
}

export function saveEdit(key: string, code: string | null): void {
  try {
    if (code === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, code);
  } catch {
    /* storage unavailable: the edit stays on the page until it is closed */
  }
}

/** The URL hash a Share link carries: `#example=<id>&code=<lz-string>`. */
export function parseShareHash(hash: string): { id: string; packed: string } | null {
  // Not URLSearchParams: it would turn lz-string's "+" into a space.
  const m = /^#example=([^&]+)&code=([A-Za-z0-9+\-$]+)$/.exec(hash);
  if (m === null) return null;
  try {
    return { id: decodeURIComponent(m[1]!), packed: m[2]! };
  } catch {
    return null;
  }
}

export function shareHash(id: string, packed: string): string {
  return `#example=${encodeURIComponent(id)}&code=${packed}`;
}
