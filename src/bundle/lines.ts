/**
 * Line tracking at build time (issue 12): the bundling step marks, in the reader's source,
 * every `yield*` and every `print(...)` call with its line, so that the runtime knows where a
 * task is suspended and which line printed without ever capturing a stack.
 *
 *  - `yield* X` becomes `yield*__asyncio_at__.L7= X`: an assignment whose value is X, so the
 *    delegation is unchanged, through a setter (defined by the registration on line 1) that
 *    tells the runtime "line 7 awaits X" just before `yield*` takes X's iterator. That is also
 *    the hand-off point of the runtime's trampoline (src/asyncio/coroutines.ts). Only the
 *    start of the operand is touched, so no expression has to be parsed: `yield*` takes an
 *    AssignmentExpression, and `a = X` is one whose value is X, whatever X is.
 *  - `print(` becomes `print.call(7/*@l*\/,` (a trailing comma in a call is valid since
 *    ES2017): print receives its line as `this`.
 *
 * Both insertions stay on their line, so every line number of the program is unchanged, and
 * the source map's text of a line gives back the reader's text by removing them
 * (`originalLineText`). The scanner knows JavaScript's lexical grammar well enough to skip
 * strings, template literals (with nested `${}`), comments and regular expressions.
 */

export interface Token {
  /** "id" identifier or keyword, "p" punctuator, "s" string/template/regex/number */
  kind: "id" | "p" | "s";
  text: string;
  start: number;
  end: number;
  line: number;
}

const ID_START = /[A-Za-z_$\u0080-\uffff]/;
const ID_PART = /[\w$\u0080-\uffff]/;

/** Keywords after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_KEYWORD = new Set([
  "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await",
]);

function regexAllowed(prev: Token | undefined): boolean {
  if (prev === undefined) return true;
  if (prev.kind === "s") return false;
  if (prev.kind === "id") return REGEX_AFTER_KEYWORD.has(prev.text);
  return !(prev.text === ")" || prev.text === "]" || prev.text === "}");
}

/** The tokens of a program (comments and white space dropped). */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  /** For each open `{`: true when it opened a template literal's `${`. */
  const braces: boolean[] = [];

  const newlinesIn = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (src.charCodeAt(k) === 10) line++;
  };

  /** Scans a template literal's text from i (just after "`" or "}"), up to "`" or "${". */
  const templateText = (startLine: number, start: number) => {
    for (;;) {
      if (i >= n) break;
      const c = src[i];
      if (c === "\\") {
        i += 2;
        continue;
      }
      if (c === "`") {
        i++;
        break;
      }
      if (c === "$" && src[i + 1] === "{") {
        i += 2;
        braces.push(true);
        break;
      }
      i++;
    }
    tokens.push({ kind: "s", text: src.slice(start, i), start, end: i, line: startLine });
    newlinesIn(start, i);
  };

  while (i < n) {
    const c = src[i]!;
    if (c === "\n") {
      line++;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v" || c === "\u00a0" || c === "\ufeff") {
      i++;
      continue;
    }
    const start = i;
    if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      newlinesIn(start, i);
      continue;
    }
    if (c === "'" || c === '"') {
      i++;
      while (i < n && src[i] !== c && src[i] !== "\n") i += src[i] === "\\" ? 2 : 1;
      i++;
      tokens.push({ kind: "s", text: src.slice(start, i), start, end: i, line });
      newlinesIn(start, Math.min(i, n));
      continue;
    }
    if (c === "`") {
      i++;
      templateText(line, start);
      continue;
    }
    if (c === "}" && braces.length > 0 && braces[braces.length - 1]) {
      braces.pop();
      i++;
      templateText(line, start);
      continue;
    }
    if (c === "/" && regexAllowed(tokens[tokens.length - 1])) {
      i++;
      let inClass = false;
      while (i < n && src[i] !== "\n") {
        const d = src[i];
        if (d === "\\") {
          i += 2;
          continue;
        }
        if (d === "[") inClass = true;
        else if (d === "]") inClass = false;
        else if (d === "/" && !inClass) break;
        i++;
      }
      i++;
      while (i < n && ID_PART.test(src[i]!)) i++;
      tokens.push({ kind: "s", text: src.slice(start, i), start, end: i, line });
      continue;
    }
    if (ID_START.test(c) || (c === "\\" && src[i + 1] === "u")) {
      i++;
      while (i < n && (ID_PART.test(src[i]!) || src[i] === "\\")) i++;
      tokens.push({ kind: "id", text: src.slice(start, i), start, end: i, line });
      continue;
    }
    if (c >= "0" && c <= "9") {
      i++;
      while (i < n && /[\w.]/.test(src[i]!)) i++;
      tokens.push({ kind: "s", text: src.slice(start, i), start, end: i, line });
      continue;
    }
    if (c === "{") braces.push(false);
    else if (c === "}") braces.pop();
    i++;
    tokens.push({ kind: "p", text: c, start, end: i, line });
  }
  return tokens;
}

/** What the line marking found and changed. */
export interface LineMarks {
  /** The source with the marks inserted (same lines). */
  source: string;
  /** Lines holding at least one `yield*` (each gets a setter `L<line>`). */
  awaitLines: number[];
}

/** The name of the object whose setters the marked `yield*`s assign to. */
export const AT = "__asyncio_at__";

/** Names the program gives the "asyncio" module (`import asyncio from`, `import * as aio from`). */
function asyncioNames(src: string): Set<string> {
  const names = new Set<string>();
  const re = /import\s+([^;]*?)\s+from\s+["']asyncio["']/g;
  for (let m = re.exec(src); m !== null; m = re.exec(src)) {
    const clause = m[1]!;
    const star = /\*\s+as\s+([A-Za-z_$][\w$]*)/.exec(clause);
    if (star) names.add(star[1]!);
    const def = /^([A-Za-z_$][\w$]*)/.exec(clause);
    if (def) names.add(def[1]!);
  }
  return names;
}

/** Index of the `)` that closes the `(` at index open, or -1. */
function closingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== "p") continue;
    if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
    else if (t.text === ")" || t.text === "]" || t.text === "}") {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

/** Marks every `yield*` and `print(` of the program with its line (see the module comment). */
export function markLines(src: string): LineMarks {
  const tokens = tokenize(src);
  const modules = asyncioNames(src);
  const inserts: { at: number; text: string; replace?: number }[] = [];
  const awaitLines = new Set<number>();
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== "id") continue;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    if (t.text === "yield" && next?.kind === "p" && next.text === "*" && !(prev?.kind === "p" && prev.text === ".")) {
      const after = tokens[k + 2];
      // `yield **x` and `yield *= x` are not delegations (nor valid code): leave them.
      if (after !== undefined && after.start === next.end && after.kind === "p" && (after.text === "*" || after.text === "=")) continue;
      awaitLines.add(t.line);
      inserts.push({ at: next.end, text: `${AT}.L${t.line}=` });
      continue;
    }
    if (t.text === "print" && next?.kind === "p" && next.text === "(") {
      if (prev?.kind === "id" && prev.text === "function") continue;
      if (prev?.kind === "p" && prev.text === ".") {
        // `asyncio.print(...)` only: a reader's own `logger.print(...)` keeps its `this`.
        const owner = tokens[k - 2];
        if (owner?.kind !== "id" || !modules.has(owner.text) || tokens[k - 3]?.text === ".") continue;
      } else if (prev === undefined || (prev.kind === "p" && /^[{},;]$/.test(prev.text))) {
        // A method definition `print(x) { ... }` / `print(x): void { ... }` is not a call.
        const close = closingParen(tokens, k + 1);
        const follow = close >= 0 ? tokens[close + 1] : undefined;
        if (follow?.kind === "p" && (follow.text === "{" || follow.text === ":")) continue;
      }
      inserts.push({ at: next.start, text: `.call(${t.line}/*@l*/,`, replace: next.end });
    }
  }
  let out = "";
  let from = 0;
  for (const ins of inserts) {
    out += src.slice(from, ins.at) + ins.text;
    from = ins.replace ?? ins.at;
  }
  out += src.slice(from);
  return { source: out, awaitLines: [...awaitLines].sort((a, b) => a - b) };
}

const MARKS = new RegExp(`${AT}\\.L\\d+=|\\.call\\(\\d+/\\*@l\\*/,`, "g");

/** A line of the marked source as the reader wrote it. */
export function originalLineText(text: string): string {
  return text.replace(MARKS, (m) => (m.startsWith(".call(") ? "(" : ""));
}
