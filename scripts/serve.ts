/**
 * `npm start`'s server: serves the built site (dist/, or DIST_DIR) at its base path
 * (BASE_PATH) as a static host would, with the headers of the build's `_headers` file
 * (src/security/headers.ts: the CSP as an HTTP header, frame-ancestors, nosniff).
 *
 *   node scripts/serve.ts            # http://localhost:4321/ (PORT to change it)
 *
 * `astro preview` cannot do this: its headers are fixed when the config is read, before the
 * build has made the pages' CSP hashes.
 */
import { createServer, type Server } from "node:http";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { headersFor, parseHeadersFile, type HeaderRule } from "../src/security/headers.ts";

/** Content types of the files a build holds (the test server uses the same table). */
export const mime: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".webmanifest": "application/manifest+json",
  ".map": "application/json",
  ".pf_fragment": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".pagefind": "application/octet-stream",
};

export interface SiteServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function serveSite(options: { dist: string; base: string; port: number; host?: string }): Promise<SiteServer> {
  const root = resolve(options.dist);
  const base = options.base;
  const headersPath = join(root, "_headers");
  const rules: HeaderRule[] = existsSync(headersPath) ? parseHeadersFile(await readFile(headersPath, "utf8")) : [];
  if (rules.length === 0) console.warn(`${headersPath} is missing: serving without the site's headers`);

  const server = createServer(async (req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const send = (status: number, type: string, body: Buffer | string) => {
      res.writeHead(status, { "content-type": type, ...Object.fromEntries(headersFor(rules, path)) });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (path === base.slice(0, -1)) {
      res.writeHead(301, { location: base }).end();
      return;
    }
    if (!path.startsWith(base)) {
      send(404, "text/plain; charset=utf-8", "not found");
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      send(403, "text/plain; charset=utf-8", "forbidden");
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) {
        if (!path.endsWith("/")) {
          res.writeHead(301, { location: `${path}/` }).end();
          return;
        }
        file = join(file, "index.html");
      }
      send(200, mime[extname(file)] ?? "application/octet-stream", await readFile(file));
    } catch {
      const notFound = join(root, "404.html");
      send(404, mime[".html"]!, existsSync(notFound) ? await readFile(notFound) : "not found");
    }
  });
  await new Promise<void>((ok) => server.listen(options.port, options.host ?? "127.0.0.1", ok));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    server,
    url: `http://${options.host === undefined ? "127.0.0.1" : options.host === "0.0.0.0" ? "localhost" : options.host}:${port}${base}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const base = (process.env.BASE_PATH ?? "/").replace(/\/?$/, "/").replace(/^\/?/, "/");
  const site = await serveSite({
    dist: process.env.DIST_DIR ?? process.env.OUT_DIR ?? "dist",
    base,
    port: Number(process.env.PORT ?? 4321),
    host: process.env.HOST ?? "localhost",
  });
  console.log(`Serving the built site at ${site.url} (with its _headers); Ctrl+C stops.`);
}
