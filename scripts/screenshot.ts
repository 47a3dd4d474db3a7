/**
 * Makes docs/screenshot.png, the README's picture: a chapter page in Chromium with an example
 * run in the page and its Life-cycle view open. Run `npm run build` first.
 *
 * usage: node scripts/screenshot.ts [chapter-path] [example-index]
 */
import { launchBrowser, newIsolatedPage, serveDist } from "../tests/support/browser.ts";

const chapter = process.argv[2] ?? "04-scheduled/";
const index = Number(process.argv[3] ?? 1);

const server = await serveDist();
const browser = await launchBrowser();
try {
  const { page } = await newIsolatedPage(browser, server, { viewport: { width: 1280, height: 1600 } });
  await page.goto(server.url + chapter);
  const example = page.locator("asyncio-example").nth(index);
  await example.scrollIntoViewIfNeeded();
  await example.getByRole("button", { name: "Life-cycle", exact: true }).click();
  await example.getByRole("combobox", { name: "Speed" }).selectOption({ label: "instant" }).catch(() => {});
  await example.getByRole("button", { name: "Run", exact: true }).click();
  await example.locator('[data-state="done"]').or(example.and(page.locator('[data-state="done"]'))).first().waitFor({ timeout: 20_000 }).catch(() => {});
  await page.waitForTimeout(800);
  await example.scrollIntoViewIfNeeded();
  const box = await example.boundingBox();
  if (box) await page.evaluate((y) => window.scrollTo(0, y - 80), box.y + (await page.evaluate(() => window.scrollY)));
  await page.screenshot({ path: "docs/screenshot.png" });
  console.log("wrote docs/screenshot.png");
} finally {
  await browser.close();
  await server.close();
}
