/**
 * A reader who opens an exercise sees no red squiggles that are not theirs: the starter and
 * the reference solution type-check against the editor's declarations
 * (src/playground/asyncio.d.ts) with the editor's options, as tests/parity/types.test.ts
 * checks the examples.
 */
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { root } from "../parity/examples.ts";

const declarations = join(root, "src", "playground", "asyncio.d.ts");
const dir = join(root, "examples", "exercises");
const files = existsSync(dir)
  ? readdirSync(dir).flatMap((id) => ["starter.ts", "solution.ts"].map((f) => join(dir, id, f))).filter(existsSync)
  : [];

describe("exercises type-check as the editor checks them", () => {
  const program = ts.createProgram([declarations, ...files], {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    lib: ["lib.es2022.d.ts"],
    types: [],
    skipLibCheck: true,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);

  it.each(files.map((f) => [f.slice(dir.length + 1), f]))("%s", (_name, file) => {
    const mine = diagnostics
      .filter((d) => d.file?.fileName === file)
      .map((d) => `line ${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(mine).toEqual([]);
  });
});
