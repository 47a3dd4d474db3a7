/**
 * Deployment headers and inline-style hashes (src/security/headers.ts, style-hashes.ts).
 */
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { headersFile, headersFor, metaCsp, parseCsp, parseHeadersFile, unionCsp } from "../../src/security/headers.ts";
import { addInlineHashes } from "../../src/security/inline-hashes.ts";

const a = "default-src 'self'; script-src 'self' 'sha256-A'; style-src-elem 'self' 'sha256-S'; require-trusted-types-for 'script'";
const b = "default-src 'self'; script-src 'self' 'sha256-B'; style-src-elem 'self' 'sha256-S'; require-trusted-types-for 'script'";

describe("_headers", () => {
  test("the pages' policies are merged source by source", () => {
    const merged = parseCsp(unionCsp([a, b]));
    expect(merged.get("script-src")).toEqual(["'self'", "'sha256-A'", "'sha256-B'"]);
    expect(merged.get("style-src-elem")).toEqual(["'self'", "'sha256-S'"]);
    expect(() => unionCsp([a, "default-src 'self'"])).toThrow(/missing/);
  });

  test("the file sends the CSP with frame-ancestors 'none', and nosniff, for every path under the base", () => {
    const rules = parseHeadersFile(headersFile("/sub/", unionCsp([a, b])));
    const page = Object.fromEntries(headersFor(rules, "/sub/03-created/"));
    expect(parseCsp(page["Content-Security-Policy"]!).get("frame-ancestors")).toEqual(["'none'"]);
    expect(page["Content-Security-Policy"]).toContain("require-trusted-types-for 'script'");
    expect(page["X-Content-Type-Options"]).toBe("nosniff");
    expect(Object.fromEntries(headersFor(rules, "/sub/_astro/x.js"))["X-Content-Type-Options"]).toBe("nosniff");
    expect(headersFor(rules, "/other/")).toEqual([]);
  });

  test("a page's meta CSP is read back as written by Astro (escaped quotes)", () => {
    const html = `<head><meta http-equiv="content-security-policy" content="script-src &#39;self&#39; &#39;sha256-x&#39;;"></head>`;
    expect(metaCsp(html)).toBe("script-src 'self' 'sha256-x';");
    expect(metaCsp("<head></head>")).toBeNull();
  });
});

describe("inline style hashes", () => {
  const css = ".lc-diagram{width:100%}";
  const hash = `'sha256-${createHash("sha256").update(css).digest("base64")}'`;
  const page = (styleSrcElem: string) =>
    `<head><meta http-equiv="content-security-policy" content="default-src &#39;self&#39;; style-src-elem ${styleSrcElem}; style-src-attr &#39;unsafe-inline&#39;;"><style>${css}</style></head>`;

  test("each inline style's hash is added to style-src-elem, once", () => {
    const { html, added } = addInlineHashes(page("&#39;self&#39;"));
    expect(added).toBe(1);
    expect(metaCsp(html)).toContain(`style-src-elem 'self' ${hash};`);
    expect(addInlineHashes(html).added).toBe(0);
    expect(html).toContain(`<style>${css}</style>`);
  });

  test("inline scripts that run get their hash in script-src; data blocks and external scripts do not", () => {
    const js = "document.documentElement.className = 'js';";
    const jsHash = `'sha256-${createHash("sha256").update(js).digest("base64")}'`;
    const html = `<head><meta http-equiv="content-security-policy" content="script-src &#39;self&#39;; style-src-elem &#39;self&#39;;"><script>${js}</script><script type="application/json">{"a":1}</script><script type="module" src="/x.js"></script></head>`;
    const out = addInlineHashes(html);
    expect(out.added).toBe(1);
    expect(metaCsp(out.html)).toBe(`script-src 'self' ${jsHash}; style-src-elem 'self';`);
  });

  test("a page that allows inline styles anyway is left alone", () => {
    expect(addInlineHashes(page("&#39;self&#39; &#39;unsafe-inline&#39;")).added).toBe(0);
  });
});
