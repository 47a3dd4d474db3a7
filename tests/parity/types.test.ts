/**
 * A reader who presses Edit sees the example in Monaco, type-checked against the "asyncio"
 * declarations the playground ships (src/playground/asyncio.d.ts) with the playground's
 * compiler options. An example that type-checks here shows no red squiggles there.
 */
import { describe, it, expect, beforeAll } from "vitest";
import ts from "typescript";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { listExamples, root } from "./examples.ts";

const declarations = join(root, "src", "playground", "asyncio.d.ts");
const examples = listExamples().filter((ex) => existsSync(ex.ts));

describe("examples type-check as the playground's editor checks them", () => {
  // The same options as src/playground/monaco.ts: the program runs in a worker, no DOM.
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    lib: ["lib.es2022.d.ts"],
    types: [],
    skipLibCheck: true,
  };
  let diagnostics: readonly ts.Diagnostic[] = [];

  beforeAll(() => {
    const program = ts.createProgram([declarations, ...examples.map((ex) => ex.ts)], options);
    diagnostics = ts.getPreEmitDiagnostics(program);
  });

  it("the declarations exist", () => {
    expect(existsSync(declarations), declarations).toBe(true);
  });

  it.each(examples.map((ex) => [ex.id, ex.ts] as [string, string]))("%s", (_id, file) => {
    const mine = diagnostics
      .filter((d) => d.file?.fileName === file)
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    expect(mine).toEqual([]);
  });

  it("the declarations themselves compile", () => {
    const own = diagnostics.filter((d) => d.file === undefined || d.file.fileName === declarations);
    expect(own.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  });
});
