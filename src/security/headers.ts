/**
 * Deployment headers (issue 9): the `_headers` file written into the build (Netlify's and
 * Cloudflare Pages' format), read back by `npm start`'s server (scripts/serve.ts).
 *
 * Every response gets the pages' CSP as an HTTP header, plus what a `<meta>` cannot carry:
 * `frame-ancestors 'none'` (the site cannot be framed), and `X-Content-Type-Options:
 * nosniff`. The CSP is the union of the pages' `<meta>` policies (Astro writes one per page;
 * they differ only in the hashes of inline scripts), so each page is under both its own
 * `<meta>` policy and this one, which allows no more than the union of the metas.
 *
 * Pure functions (no file system), shared by the build, the server and the tests.
 */

export interface HeaderRule {
  /** A path under the site's origin; "*" matches any run of characters (Netlify's splat). */
  path: string;
  headers: [name: string, value: string][];
}

/** Parses a CSP into directive → sources (directive names lower-cased, order kept). */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (name === undefined) continue;
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, sources);
  }
  return directives;
}

export function serializeCsp(directives: Map<string, string[]>): string {
  return [...directives].map(([name, sources]) => [name, ...sources].join(" ")).join("; ");
}

/**
 * The union of several pages' policies: each directive with every source any page lists.
 * The pages must agree on which directives they have (only their hashes differ).
 */
export function unionCsp(policies: readonly string[]): string {
  const parsed = policies.map(parseCsp);
  const names = new Set(parsed.flatMap((p) => [...p.keys()]));
  const merged = new Map<string, string[]>();
  for (const name of names) {
    const missing = parsed.filter((p) => !p.has(name)).length;
    if (missing > 0) throw new Error(`CSP directive ${name} is missing from ${missing} page(s): cannot merge the pages' policies`);
    merged.set(name, [...new Set(parsed.flatMap((p) => p.get(name)!))]);
  }
  return serializeCsp(merged);
}

/** The headers every response of the site gets. */
export function siteHeaders(pageCsp: string): [string, string][] {
  const directives = parseCsp(pageCsp);
  // A <meta> cannot set frame-ancestors (it is ignored there): only the header can.
  directives.set("frame-ancestors", ["'none'"]);
  return [
    ["Content-Security-Policy", serializeCsp(directives)],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
  ];
}

/** The `_headers` file: one rule for everything under the base path. */
export function headersFile(base: string, pageCsp: string): string {
  const lines = [
    "# Written by the build (src/security/headers.ts). Netlify and Cloudflare Pages read this file;",
    "# `npm start` (scripts/serve.ts) sends the same headers. See README, \"Deployment headers\".",
    `${base}*`,
    ...siteHeaders(pageCsp).map(([name, value]) => `  ${name}: ${value}`),
  ];
  return `${lines.join("\n")}\n`;
}

/** Reads a `_headers` file. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: [] });
      continue;
    }
    const rule = rules[rules.length - 1];
    const at = line.indexOf(":");
    if (rule === undefined || at < 0) throw new Error(`_headers: a header outside a rule, or without a colon: ${line}`);
    rule.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
  return rules;
}

/** The headers for a request path, from every rule that matches it, in order. */
export function headersFor(rules: readonly HeaderRule[], path: string): [string, string][] {
  const out: [string, string][] = [];
  for (const rule of rules) {
    const pattern = new RegExp(`^${rule.path.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    if (pattern.test(path)) out.push(...rule.headers);
  }
  return out;
}

/** The CSP of a page's `<meta http-equiv="Content-Security-Policy">`, if it has one. */
export function metaCsp(html: string): string | null {
  const meta = /<meta\s[^>]*http-equiv=["']?content-security-policy["']?[^>]*>/i.exec(html)?.[0];
  if (meta === undefined) return null;
  const content = /\scontent=(?:"([^"]*)"|'([^']*)')/i.exec(meta);
  return content === null ? null : (content[1] ?? content[2] ?? "").replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}
