/**
 * Where the examples and chapters live, and how to read them: shared by the parity test
 * and scripts/record-examples.ts.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const examplesDir = join(root, "examples");
export const chaptersDir = join(root, "content", "chapters");

export interface ExampleFiles {
  /** `<chapter-slug>/<name>`, the id used by `<Example id="...">`. */
  id: string;
  chapter: string;
  name: string;
  ts: string;
  py: string;
  out: string;
  err: string;
}

/** Every example, found by its Python twin or its TypeScript file, sorted by id. */
export function listExamples(): ExampleFiles[] {
  const found: ExampleFiles[] = [];
  for (const chapter of readdirSync(examplesDir, { withFileTypes: true })) {
    if (!chapter.isDirectory()) continue;
    const dir = join(examplesDir, chapter.name);
    const names = new Set(
      readdirSync(dir)
        .filter((f) => f.endsWith(".ts") || f.endsWith(".py"))
        .map((f) => basename(f).replace(/\.(ts|py)$/, "")),
    );
    for (const name of names) {
      const base = join(dir, name);
      found.push({
        id: `${chapter.name}/${name}`,
        chapter: chapter.name,
        name,
        ts: `${base}.ts`,
        py: `${base}.py`,
        out: `${base}.out`,
        err: `${base}.err`,
      });
    }
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

export interface Embed {
  /** The chapter's slug: its file name without extension. */
  chapter: string;
  id: string;
  line: number;
}

/** Every `<Example id="...">` in the chapters, with where it is. */
export function listEmbeds(): Embed[] {
  if (!existsSync(chaptersDir)) return [];
  const embeds: Embed[] = [];
  for (const file of readdirSync(chaptersDir).filter((f) => /\.mdx?$/.test(f)).sort()) {
    const chapter = file.replace(/\.mdx?$/, "");
    const lines = readFileSync(join(chaptersDir, file), "utf8").split("\n");
    lines.forEach((text, i) => {
      for (const m of text.matchAll(/<Example\b[^>]*?\bid=["']([^"']+)["']/g)) {
        embeds.push({ chapter, id: m[1]!, line: i + 1 });
      }
    });
  }
  return embeds;
}

/**
 * The frames of CPython's tracebacks for the examples that print one (id → the text of
 * normalise.ts tracebackFrames), recorded by scripts/record-examples.ts beside each .err.
 * An example absent here printed no traceback.
 */
export const framesFile = join(root, "tests", "parity", "frames.json");

export function readFrames(): Record<string, string> {
  return existsSync(framesFile) ? (JSON.parse(readFileSync(framesFile, "utf8")) as Record<string, string>) : {};
}
