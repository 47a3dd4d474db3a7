/**
 * The editor's IntelliSense comes from src/playground/asyncio.d.ts. Every name the runtime
 * exports to programs must be declared there, or an example using it would show a red
 * squiggle in the editor; names only the host uses are listed here on purpose.
 * (No browser: this reads the runtime module and the declarations.)
 */
import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { root } from "../parity/examples.ts";

/** Exports for hosts and the bundling step, not for readers' programs. */
const HOST_ONLY = new Set(["__register", "__arm", "subscribe", "formatException", "reportError", "finish", "default"]);

function declaredNames(): Set<string> {
  const file = join(root, "src", "playground", "asyncio.d.ts");
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ESNext, true);
  const names = new Set<string>();
  sf.forEachChild((node) => {
    if (!ts.isModuleDeclaration(node) || node.name.text !== "asyncio" || node.body === undefined) return;
    if (!ts.isModuleBlock(node.body)) return;
    for (const st of node.body.statements) {
      const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
      } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) {
        names.add(st.name.text);
      }
    }
  });
  return names;
}

test("every value the runtime exports to programs is declared for the editor", async () => {
  const runtime = (await import("../../src/asyncio/index.ts")) as Record<string, unknown>;
  const declared = declaredNames();
  const missing = Object.keys(runtime)
    .filter((name) => !HOST_ONLY.has(name) && !declared.has(name))
    .sort();
  expect(missing).toEqual([]);
});

test("nothing is declared that the runtime does not export", async () => {
  const runtime = (await import("../../src/asyncio/index.ts")) as Record<string, unknown>;
  const extra = [...declared()].filter((name) => !(name in runtime)).sort();
  expect(extra).toEqual([]);
  function declared() {
    return declaredNames();
  }
});
