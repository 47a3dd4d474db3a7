// Shrinking a program that shows a difference: greedy delta debugging over the description.
// Every candidate is a strictly smaller program (statements deleted in chunks, then one by
// one; a try unwrapped into its body; a target dropped from gather/wait; names and the
// ending simplified). Deleting a task's create statement drops the task, its coroutine, and
// every statement that names it (the printer skips dangling references), so every candidate
// is well formed; whether it still terminates in CPython is the predicate's business.
import { nestedBody, printProgram, usedCoroIds, type Program, type Stmt } from "./generate.ts";

interface ListPath {
  root: "main" | number; // main's body, or a coroutine's id
  nest: number[]; // indices of the try statements leading to a nested body
}

function getList(p: Program, path: ListPath): Stmt[] {
  let list = path.root === "main" ? p.main : p.coros[path.root - 1].body;
  for (const i of path.nest) {
    const nested = list[i] ? nestedBody(list[i]) : null;
    if (!nested) throw new Error("shrink: stale path");
    list = nested;
  }
  return list;
}

function allLists(p: Program): ListPath[] {
  const out: ListPath[] = [];
  const visit = (root: ListPath["root"], list: Stmt[], nest: number[]): void => {
    out.push({ root, nest });
    list.forEach((s, i) => {
      const nested = nestedBody(s);
      if (nested) visit(root, nested, [...nest, i]);
    });
  };
  visit("main", p.main, []);
  for (const id of usedCoroIds(p)) visit(id, p.coros[id - 1].body, []);
  return out;
}

const clone = (p: Program): Program => structuredClone(p);

/** Smaller variants of p, biggest cuts first. */
export function* candidates(p: Program): Generator<Program> {
  const lists = allLists(p);
  // 1. chunks of statements, halving the chunk size down to single statements
  for (const path of lists) {
    const len = getList(p, path).length;
    for (let size = Math.max(1, len >> 1); size >= 1; size = size === 1 ? 0 : Math.max(1, size >> 1)) {
      for (let start = 0; start + size <= len; start += size) {
        const q = clone(p);
        getList(q, path).splice(start, size);
        yield q;
      }
    }
  }
  // 2. a try, async-with or TaskGroup statement replaced by its body
  for (const path of lists) {
    const list = getList(p, path);
    for (let i = 0; i < list.length; i++) {
      if (!nestedBody(list[i])) continue;
      const q = clone(p);
      const ql = getList(q, path);
      ql.splice(i, 1, ...nestedBody(ql[i])!);
      yield q;
    }
  }
  // 2b. a TaskGroup child fewer
  for (const path of lists) {
    const list = getList(p, path);
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (s.k !== "group") continue;
      for (let j = 0; j < s.children.length; j++) {
        const q = clone(p);
        const qs = getList(q, path)[i];
        if (qs.k === "group") qs.children.splice(j, 1);
        yield q;
      }
    }
  }
  // 3. one target fewer in a gather or wait
  for (const path of lists) {
    const list = getList(p, path);
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (s.k !== "gather" && s.k !== "wait") continue;
      for (let j = 0; j < s.targets.length; j++) {
        const q = clone(p);
        const qs = getList(q, path)[i];
        if (qs.k === "gather" || qs.k === "wait") qs.targets.splice(j, 1);
        yield q;
      }
    }
  }
  // 4. plainer names and ending
  for (const o of p.objects) {
    if (o.kind === "task" && o.name !== null) {
      const q = clone(p);
      const qo = q.objects[o.id - 1];
      if (qo.kind === "task") qo.name = null;
      yield q;
    }
  }
  if (p.background !== null) {
    const q = clone(p);
    q.background = null;
    yield q;
  }
  if (p.eager) {
    const q = clone(p);
    q.eager = null;
    yield q;
  }
  if (p.ending.kind === "raise" || p.ending.value.t !== "none" || p.ending.printRun) {
    const q = clone(p);
    q.ending = { kind: "return", value: { t: "none" }, printRun: false };
    yield q;
  }
}

export interface ShrinkResult {
  program: Program;
  tried: number;
  exhausted: boolean;
}

/**
 * Greedy shrinking: take the first candidate that still satisfies `keeps`, and go on from
 * there, until no candidate does or `budget` candidates were tried.
 */
export async function shrink(
  start: Program,
  keeps: (p: Program) => Promise<boolean>,
  budget = 300,
): Promise<ShrinkResult> {
  let best = start;
  let bestSize = printProgram(best, "py").length;
  let tried = 0;
  const seen = new Set<string>();
  for (;;) {
    let improved = false;
    for (const cand of candidates(best)) {
      const text = printProgram(cand, "py");
      // deletions of statements that print nothing (e.g. dangling ones) change nothing
      if (text.length >= bestSize || seen.has(text)) continue;
      seen.add(text);
      if (tried >= budget) return { program: best, tried, exhausted: true };
      tried++;
      if (await keeps(cand)) {
        best = cand;
        bestSize = text.length;
        improved = true;
        break;
      }
    }
    if (!improved) return { program: best, tried, exhausted: false };
  }
}
