/**
 * Build step (Node): every inline `<script>` and `<style>` a built page holds is allowed by
 * its hash, and nothing else inline is (issue 9: no 'unsafe-inline' for style elements).
 *
 * Astro hashes the scripts and stylesheets it bundles and inlines into a page, but not
 * `is:inline` scripts (ThemeInit's, which must run before the first paint) nor the styles
 * that components rendered from content bring (the life-cycle diagram's CSS in a chapter's
 * MDX: "propagated" styles are inlined but never hashed). The browser refused both. This step
 * adds the hash of each to the page's `<meta>` CSP: `script-src` for scripts, `style-src-elem`
 * for styles. The pages are the build's own output, so what it hashes is ours. (Monaco's and
 * the life-cycle view's styles are constructed stylesheets, which CSP does not govern; style=""
 * attributes stay allowed by style-src-attr, for Shiki's token colours.)
 */
import { createHash } from "node:crypto";

const STYLE = /<style(?:\s[^>]*)?>([\s\S]*?)<\/style\s*>/gi;
const SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script\s*>/gi;
const META = /(<meta\s[^>]*http-equiv=["']?content-security-policy["']?[^>]*\scontent=")([^"]*)(")/i;

const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** Whether a script element's attributes make it run (not a data block, not external). */
function runs(attributes: string): boolean {
  if (/\ssrc\s*=/i.test(attributes)) return false;
  const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
  return type === undefined || type === "module" || type === "text/javascript" || type === "application/javascript";
}

/** The page with its inline scripts' and styles' hashes in its `<meta>` CSP. */
export function addInlineHashes(html: string): { html: string; added: number } {
  const wanted = new Map<string, Set<string>>([
    ["script-src", new Set()],
    ["style-src-elem", new Set()],
  ]);
  for (const m of html.matchAll(SCRIPT)) if (runs(m[1] ?? "")) wanted.get("script-src")!.add(hash(m[2]!));
  for (const m of html.matchAll(STYLE)) wanted.get("style-src-elem")!.add(hash(m[1]!));
  const meta = META.exec(html);
  if (meta === null) return { html, added: 0 };
  // The attribute is HTML-escaped ('sha256-…' quotes are &#39; in Astro's output).
  const decode = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  const encode = (s: string) => s.replace(/&/g, "&amp;").replace(/'/g, "&#39;");
  const parts = decode(meta[2]!).split(";").map((p) => p.trim()).filter((p) => p.length > 0);
  let added = 0;
  for (const [directive, hashes] of wanted) {
    if (hashes.size === 0) continue;
    const at = parts.findIndex((p) => p.split(/\s+/)[0] === directive);
    if (at < 0) throw new Error(`the page's CSP has no ${directive} to add inline hashes to`);
    const sources = parts[at]!.split(/\s+/);
    // Hashes would switch 'unsafe-inline' off: a directive that allows inline code stays as it is.
    if (sources.includes("'unsafe-inline'")) continue;
    for (const h of hashes) {
      if (!sources.includes(h)) {
        sources.push(h);
        added++;
      }
    }
    parts[at] = sources.join(" ");
  }
  if (added === 0) return { html, added };
  const rewritten = `${parts.join("; ")};`;
  // Keep the attribute as Astro wrote it (escaped or not).
  const content = meta[2]!.includes("&#39;") ? encode(rewritten) : rewritten;
  return { html: html.replace(META, (_all, open: string, _old: string, close: string) => `${open}${content}${close}`), added };
}
