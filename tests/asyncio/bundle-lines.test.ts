/**
 * The bundling step's line marks (src/bundle/lines.ts): every `yield*` and `print(` of the
 * reader's program, found by a scanner that skips strings, templates, comments and regular
 * expressions; the marked program keeps its lines, and its source map text reads as written.
 */
import { describe, expect, it } from "vitest";
import { markLines, originalLineText, tokenize } from "../../src/bundle/lines.ts";

describe("markLines", () => {
  it("marks each yield* with its line, keeping every line where it was", () => {
    const src = [
      'import asyncio, { print } from "asyncio";',
      "function* work() {",
      "  yield* asyncio.sleep(0);",
      "  const x = (yield*  other()) + (yield *other());",
      "  yield*",
      "    other();",
      "}",
    ].join("\n");
    const { source, awaitLines } = markLines(src);
    expect(source.split("\n").length).toBe(src.split("\n").length);
    expect(awaitLines).toEqual([3, 4, 5]);
    const lines = source.split("\n");
    expect(lines[2]).toBe("  yield*__asyncio_at__.L3= asyncio.sleep(0);");
    expect(lines[3]).toBe("  const x = (yield*__asyncio_at__.L4=  other()) + (yield *__asyncio_at__.L4=other());");
    expect(lines[4]).toBe("  yield*__asyncio_at__.L5=");
    for (let i = 0; i < lines.length; i++) expect(originalLineText(lines[i]!)).toBe(src.split("\n")[i]);
  });

  it("leaves yield* alone inside strings, templates, comments and regular expressions", () => {
    const src = [
      "const a = 'yield* x'; const b = \"print(1)\";",
      "// yield* x; print(2)",
      "/* yield* y",
      "   print(3) */",
      "const r = /yield* print(4)/g;",
      "const t = `yield* ${'print(5)'} ${ n / 2 } print(6)`;",
      "const q = x / 2 / 3; print(7);",
    ].join("\n");
    const { source, awaitLines } = markLines(src);
    expect(awaitLines).toEqual([]);
    expect(source).toBe(src.replace("print(7)", "print.call(7/*@l*/,7)"));
  });

  it("marks the code inside a template literal's substitutions", () => {
    const src = "function* f() {\n  const s = `a ${yield* g()} b ${`${print('x')}`}`;\n}";
    const { source, awaitLines } = markLines(src);
    expect(awaitLines).toEqual([2]);
    expect(source).toContain("${yield*__asyncio_at__.L2= g()}");
    expect(source).toContain("${print.call(2/*@l*/,'x')}");
  });

  it("passes print's line as `this`, and only to the runtime's print", () => {
    const src = [
      'import asyncio, { print } from "asyncio";',
      'import * as aio from "asyncio";',
      "print();",
      "asyncio.print('a', 1);",
      "aio.print('b');",
      "logger.print('c');",
      "function print2() {}",
      "class Log { print(x) { return x; } }",
      "const o = { print(x): void {} };",
      "x.asyncio.print('d');",
    ].join("\n");
    const lines = markLines(src).source.split("\n");
    expect(lines[2]).toBe("print.call(3/*@l*/,);");
    expect(lines[3]).toBe("asyncio.print.call(4/*@l*/,'a', 1);");
    expect(lines[4]).toBe("aio.print.call(5/*@l*/,'b');");
    expect(lines[5]).toBe("logger.print('c');");
    expect(lines[7]).toBe("class Log { print(x) { return x; } }");
    expect(lines[8]).toBe("const o = { print(x): void {} };");
    expect(lines[9]).toBe("x.asyncio.print('d');");
    expect(originalLineText(lines[2]!)).toBe("print();");
    expect(originalLineText(lines[3]!)).toBe("asyncio.print('a', 1);");
  });

  it("does not mark `function print(...)` declarations nor property names", () => {
    const src = "function print(x) {}\nconst o = { yield: 1 }; o.yield * 2;";
    expect(markLines(src).source).toBe(src);
  });
});

describe("tokenize", () => {
  it("counts lines across multi-line comments and templates", () => {
    const toks = tokenize("a\n/* x\n y */ b `c\nd` e");
    expect(toks.map((t) => [t.text, t.line])).toEqual([
      ["a", 1],
      ["b", 3],
      ["`c\nd`", 3],
      ["e", 4],
    ]);
  });
});
