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
  // The examples and the feature cases in one program: the runtime's source is checked once.
  const caseFiles = tsFiles(join(root, "tests", "cases")).filter((f) => !f.endsWith(".test.ts") && !f.endsWith("shape.ts"));
  let both: string[] | null = null;
  const checked = (): string[] => (both ??= diagnostics([...tsFiles(join(root, "examples")), ...caseFiles]));

  it("type-check the examples", () => {
    expect(tsFiles(join(root, "examples")).length).toBeGreaterThan(0);
    expect(checked().filter((d) => d.includes(`${join(root, "examples")}/`))).toEqual([]);
  });

  it("type-check the feature cases (tests/cases)", () => {
    expect(caseFiles.length).toBeGreaterThan(0);
    expect(checked().filter((d) => !d.includes(`${join(root, "examples")}/`))).toEqual([]);
  });

  it("the feature cases type-check against the editor's declarations too (src/playground/asyncio.d.ts, strict)", () => {
    const program = ts.createProgram([join(root, "src", "playground", "asyncio.d.ts"), ...caseFiles], {
      target: ts.ScriptTarget.ESNext,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      noEmit: true,
      // The declaration file itself is checked (skipLibCheck would skip every .d.ts, and with it
      // an error such as TS2675 in the declarations); TypeScript's own lib files are not.
      skipLibCheck: false,
      skipDefaultLibCheck: true,
      types: [],
      lib: ["lib.es2022.d.ts"],
    });
    const found = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ""} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(found).toEqual([]);
  });

  it("type-check the conformance twins when ../shared is there", () => {
    const dir = resolve(root, "../shared/conformance");
    if (!existsSync(dir)) return; // outside the shared workspace: nothing to check
    const files = tsFiles(dir);
    // The folder is there: an empty list would mean the lookup broke, not that all is well.
    expect(files.length).toBeGreaterThan(0);
    expect(diagnostics(files)).toEqual([]);
  });
});
