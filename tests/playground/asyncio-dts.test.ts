/**
 * The editor's hovers come from the doc comments of src/playground/asyncio.d.ts, through
 * TypeScript's language service (what Monaco's TypeScript worker runs): every declaration of
 * the module is documented, and `create_task` tells its name's type and Python's signature.
 */
import { expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const root = join(import.meta.dirname, "..", "..");
const dtsFile = join(root, "src", "playground", "asyncio.d.ts");
const dts = readFileSync(dtsFile, "utf8");

function service(main: string): ts.LanguageService {
  const files = new Map([["/asyncio.d.ts", dts], ["/main.ts", main]]);
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const text = files.get(name) ?? (ts.sys.fileExists(name) ? ts.sys.readFile(name) : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => "/",
    getCompilationSettings: () => ({ strict: true, target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, lib: ["lib.es2022.d.ts"] }),
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => files.has(name) || ts.sys.fileExists(name),
    readFile: (name) => files.get(name) ?? ts.sys.readFile(name),
  };
  return ts.createLanguageService(host);
}

it("the create_task hover shows name?: string and its documentation", () => {
  const main = 'import asyncio from "asyncio";\nfunction* f() {}\nasyncio.create_task(f());\n';
  const info = service(main).getQuickInfoAtPosition("/main.ts", main.indexOf("create_task") + 2);
  const display = ts.displayPartsToString(info?.displayParts);
  const docs = ts.displayPartsToString(info?.documentation);
  expect(display).toContain("name?: string");
  expect(docs).toMatch(/^Wraps a coroutine in a Task/);
  expect(docs).toContain("Python: `asyncio.create_task(coro, *, name=None, context=None)`");
});

it("every declaration of the module, and every member of its classes, has a doc comment", () => {
  const sf = ts.createSourceFile(dtsFile, dts, ts.ScriptTarget.ESNext, true);
  const missing: string[] = [];
  const documented = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).length > 0;
  const nameOf = (node: ts.Node) => ((node as { name?: ts.Node }).name?.getText(sf) ?? "?");
  sf.forEachChild((mod) => {
    if (!ts.isModuleDeclaration(mod) || mod.body === undefined || !ts.isModuleBlock(mod.body)) return;
    for (const st of mod.body.statements) {
      const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported || ts.isTypeAliasDeclaration(st) || ts.isExportAssignment(st)) continue;
      // Overloads: the first signature carries the documentation.
      if (ts.isFunctionDeclaration(st)) {
        const prev = mod.body.statements[mod.body.statements.indexOf(st) - 1];
        if (prev !== undefined && ts.isFunctionDeclaration(prev) && nameOf(prev) === nameOf(st)) continue;
      }
      const target = ts.isVariableStatement(st) ? st : st;
      if (!documented(target)) missing.push(nameOf(ts.isVariableStatement(st) ? st.declarationList.declarations[0]! : st));
      if (ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st)) {
        for (const member of st.members) {
          if (ts.isConstructorDeclaration(member) && member.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) continue;
          if (ts.isIndexSignatureDeclaration(member)) continue;
          if (!documented(member)) missing.push(`${nameOf(st)}.${ts.isConstructorDeclaration(member) ? "constructor" : nameOf(member)}`);
        }
      }
    }
  });
  expect(missing).toEqual([]);
});
