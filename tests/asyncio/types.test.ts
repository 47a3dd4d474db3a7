/**
 * The runtime's own public types must type-check the programs written against the contract:
 * the examples (and, where ../shared exists, the conformance twins), compiled in strict mode
 * with "asyncio" resolved to src/asyncio/index.ts rather than to a declaration file.
 */
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));
}

function diagnostics(files: string[]): string[] {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    types: [],
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    baseUrl: root,
    paths: { asyncio: ["src/asyncio/index.ts"] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("the runtime's types", () => {
  it("type-check the examples", () => {
    const files = tsFiles(join(root, "examples"));
    expect(files.length).toBeGreaterThan(0);
    expect(diagnostics(files)).toEqual([]);
  });

  it("type-check the conformance twins when ../shared is there", () => {
    const files = tsFiles(resolve(root, "../shared/conformance"));
    if (files.length === 0) return; // outside the shared workspace: nothing to check
    expect(diagnostics(files)).toEqual([]);
  });
});
