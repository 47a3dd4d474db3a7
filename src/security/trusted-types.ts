/**
 * Trusted Types for the site (issue 9). Every page's CSP has `require-trusted-types-for
 * 'script'`: an HTML string or a script URL reaches a sink (innerHTML, srcdoc, new Worker,
 * serviceWorker.register, script.src, …) only through a policy. Ours:
 *
 * - `scriptUrl(url)`: our own script URLs (same origin, under the site's base path, or a
 *   blob: of this origin) for the workers we start; anything else throws.
 * - the "default" policy (installDefaultPolicy, run first on every page): what third-party
 *   code hands a sink as a plain string. Script URLs pass on the same rule; HTML and script
 *   text never do (Monaco and Shiki bring policies of their own for what they render).
 *
 * Where the browser has no Trusted Types, the same checks apply and strings pass through.
 */

interface Policy {
  createScriptURL?(input: string): unknown;
  createHTML?(input: string): unknown;
}

interface TrustedTypeFactory {
  createPolicy(name: string, rules: { createScriptURL?(input: string): string; createHTML?(input: string): string; createScript?(input: string): string }): Policy;
  defaultPolicy: Policy | null;
}

const factory = (globalThis as { trustedTypes?: TrustedTypeFactory }).trustedTypes;

const base = new URL(import.meta.env.BASE_URL.replace(/\/?$/, "/"), location.origin);

/** Whether `input` is one of the site's own script URLs. */
export function isOwnScriptUrl(input: string): boolean {
  let url: URL;
  try {
    url = new URL(input, location.href);
  } catch {
    return false;
  }
  if (url.protocol === "blob:") return url.origin === location.origin;
  return url.origin === location.origin && url.pathname.startsWith(base.pathname);
}

function checked(input: string): string {
  if (!isOwnScriptUrl(input)) throw new TypeError(`Refused script URL ${input.slice(0, 200)}: not one of the site's own`);
  return input;
}

let own: Policy | undefined;

/** One of our own script URLs, as a sink takes it (a TrustedScriptURL where required). */
export function scriptUrl(input: string | URL): string {
  const text = String(input);
  if (factory === undefined) return checked(text);
  own ??= factory.createPolicy("asyncio-site", { createScriptURL: checked });
  return own.createScriptURL!(text) as string;
}

/**
 * The default policy: only what a third party (Vite's worker constructors, esbuild-wasm,
 * Monaco's workers) hands a script-URL sink, and only our own URLs. It is created once,
 * before any other script of the page runs (BaseLayout's head).
 */
export function installDefaultPolicy(): void {
  if (factory === undefined || factory.defaultPolicy !== null) return;
  factory.createPolicy("default", {
    createScriptURL: checked,
    createHTML(input) {
      throw new TypeError(`Refused HTML from a string (${input.length} characters): the page builds nodes`);
    },
    createScript(input) {
      throw new TypeError(`Refused script from a string (${input.length} characters)`);
    },
  });
}
