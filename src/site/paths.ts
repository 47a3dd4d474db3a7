/**
 * Internal URLs. Every link and asset goes through `url()` so that the site works under a
 * sub-path (BASE_PATH at build time, see astro.config.mjs).
 */
export const base: string = import.meta.env.BASE_URL.replace(/\/?$/, "/");

/** `url("03-created/")` → "/03-created/" or "/sub/03-created/". */
export function url(path = ""): string {
  return base + path.replace(/^\//, "");
}

/** The URL of a chapter page. */
export function chapterUrl(slug: string): string {
  return url(`${slug}/`);
}
