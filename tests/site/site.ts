/**
 * Helpers for the site tests: what the build should contain (from content/chapters) and
 * what it does contain (dist/, parsed with htmlparser2).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import type { Document, Element } from "domhandler";
import { basePath, distDir } from "../support/browser.ts";

export { basePath, distDir };

export const chaptersDir = resolve(process.env.CHAPTERS_DIR ?? "content/chapters");

export interface ChapterSource {
  slug: string;
  title: string;
  order: number;
}

/** The chapters the build must contain: every .md/.mdx in content/chapters, by frontmatter order. */
export function sourceChapters(): ChapterSource[] {
  if (!existsSync(chaptersDir)) return [];
  return readdirSync(chaptersDir)
    .filter((f) => /\.mdx?$/.test(f))
    .map((file) => {
      const text = readFileSync(join(chaptersDir, file), "utf8");
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
      const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, "m").exec(front)?.[1].trim() ?? "";
      const unquote = (s: string) => s.replace(/^(["'])(.*)\1$/, "$2");
      // The glob loader uses a frontmatter `slug` as the id when there is one, else the file name.
      const slug = unquote(field("slug")) || file.replace(/\.mdx?$/, "");
      return { slug, title: unquote(field("title")), order: Number(field("order")) };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

/** Every file under dist/, as paths relative to it with "/" separators. */
export function distFiles(): string[] {
  return readdirSync(distDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relativeToDist(join(entry.parentPath, entry.name)))
    .sort();
}

export function htmlFiles(): string[] {
  return distFiles().filter((f) => f.endsWith(".html"));
}

/** The site URL path of a built HTML file: "03-created/index.html" → "/base/03-created/". */
export function pagePath(file: string): string {
  return basePath + file.replace(/(^|\/)index\.html$/, "$1");
}

const parsed = new Map<string, Document>();

export function parseHtml(file: string): Document {
  let doc = parsed.get(file);
  if (!doc) {
    doc = parseDocument(readFileSync(join(distDir, file), "utf8"));
    parsed.set(file, doc);
  }
  return doc;
}

export function elements(doc: Document | Element, predicate: (el: Element) => boolean): Element[] {
  return DomUtils.findAll(predicate, doc.children);
}

export function byTag(doc: Document | Element, ...tags: string[]): Element[] {
  return elements(doc, (el) => tags.includes(el.name));
}

export function text(el: Element): string {
  return DomUtils.textContent(el).replace(/\s+/g, " ").trim();
}

/** Every id in a document (fragment targets). */
export function ids(doc: Document): Set<string> {
  return new Set(elements(doc, (el) => el.attribs.id !== undefined).map((el) => el.attribs.id));
}

/**
 * Maps a URL path under the base path to the file that a static host serves for it, or
 * undefined when there is none. "/base/x/" → "x/index.html".
 */
export function fileForPath(path: string): string | undefined {
  if (!path.startsWith(basePath)) return undefined;
  const rel = decodeURIComponent(path.slice(basePath.length));
  const candidates = rel === "" || rel.endsWith("/") ? [`${rel}index.html`] : [rel, `${rel}.html`, `${rel}/index.html`];
  return candidates.find((c) => existsSync(join(distDir, c)) && !isDir(join(distDir, c)));
}

function isDir(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Stylesheets that block rendering: <link rel=stylesheet> without a non-matching media. */
export function renderBlockingStylesheets(doc: Document): Element[] {
  return elements(doc, (el) => {
    if (el.name !== "link") return false;
    const rel = (el.attribs.rel ?? "").toLowerCase().split(/\s+/);
    if (!rel.includes("stylesheet") || rel.includes("alternate")) return false;
    const media = (el.attribs.media ?? "all").trim().toLowerCase();
    return media === "all" || media === "screen" || media === "";
  });
}

export function relativeToDist(path: string): string {
  return relative(distDir, path).split(sep).join("/");
}

/** The built reading pages (home, chapters, 404), without the playground's runner files. */
export function readingPages(): string[] {
  return htmlFiles().filter((f) => !f.startsWith("runner/") && !f.startsWith("pagefind/"));
}

/** Reading pages that embed at least one <Example>. */
export function pagesWithExamples(): string[] {
  return readingPages().filter((f) => elements(parseHtml(f), (el) => el.name === "asyncio-example").length > 0);
}
