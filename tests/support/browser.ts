/**
 * Shared harness for tests that need the built site and a real Chromium.
 *
 * - `serveDist()` serves `dist/` (the output of `astro build`) on 127.0.0.1 at the configured
 *   base path, as a plain static host would (correct MIME types, `.wasm` as application/wasm).
 * - `launchBrowser()` starts Chromium through playwright-core. It never downloads a browser:
 *   it uses $CHROMIUM_PATH, else /usr/bin/chromium, else chromium/chromium-browser on PATH.
 * - `newIsolatedPage()` opens a page in a fresh context in which every request to an origin
 *   other than the local server is aborted and recorded, so tests can assert that nothing
 *   reached another origin.
 */
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { extname, join, normalize, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { mime } from "../../scripts/serve.ts";

export const distDir = resolve(process.env.DIST_DIR ?? "dist");
/** The base path the site was built with (BASE_PATH at build time), always ending in "/". */
export const basePath = ((process.env.BASE_PATH ?? "/").replace(/\/?$/, "/")).replace(/^\/?/, "/");

export interface StaticServer {
  origin: string;
  /** origin + base path, ending in "/" */
  url: string;
  close(): Promise<void>;
}

export async function serveDist(root = distDir, base = basePath): Promise<StaticServer> {
  if (!existsSync(join(root, "index.html")) && !existsSync(root)) {
    throw new Error(`${root} does not exist: run \`npm run build\` first`);
  }
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end("not found");
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    } catch {
      if (existsSync(file + ".html")) file = file + ".html";
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": mime[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      const notFound = join(root, "404.html");
      res.writeHead(404, { "content-type": mime[".html"] });
      res.end(existsSync(notFound) ? await readFile(notFound) : "not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: origin + base,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const c of candidates) if (c && existsSync(c)) return c;
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim();
    } catch {
      /* try the next one */
    }
  }
  throw new Error("No Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH");
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface IsolatedPage {
  context: BrowserContext;
  page: Page;
  /** URLs of requests to any origin other than the local server (all were aborted). */
  foreignRequests: string[];
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
}

export async function newIsolatedPage(
  browser: Browser,
  server: StaticServer,
  options: { viewport?: { width: number; height: number }; colorScheme?: "light" | "dark"; hasTouch?: boolean; isMobile?: boolean } = {},
): Promise<IsolatedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? "light",
    hasTouch: options.hasTouch,
    isMobile: options.isMobile,
  });
  const foreignRequests: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin) || url.startsWith("blob:") || url.startsWith("data:")) {
      return route.continue();
    }
    foreignRequests.push(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return { context, page, foreignRequests, errors };
}
