/**
 * For test files that drive the built site in Chromium: serves dist/ and starts the browser
 * before the file's (or the enclosing describe's) tests, closes both after them. `ready`
 * receives the server and the browser once both are up.
 */
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, serveDist, type StaticServer } from "./browser.ts";

export function useSite(ready: (server: StaticServer, browser: Browser) => void): void {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serveDist();
    browser = await launchBrowser();
    ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}
