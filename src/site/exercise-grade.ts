/**
 * The verdict on one run of an exercise (issue 10): pure, shared by the page (the Check
 * button) and the Node test that holds every exercise's reference solution, starter and
 * typical wrong answers to it.
 *
 * The run came out of the sandbox, so everything in it is untrusted: strings are bounded
 * and events are read field by field, with their types checked. The spec and the expected
 * output are the exercise's own files (examples/exercises/<id>/), read at build time.
 */
import { normalise, significantStderr } from "./output-rules.ts";

/** A typical wrong answer, recognised by what it prints, and what to tell the reader. */
export interface TypicalAnswer {
  id: string;
  stdoutHas?: string;
  stdoutLacks?: string;
  stderrHas?: string;
  say: string;
}

/** A check on the life-cycle events: what happened to the task with this name. */
export interface EventCheck {
  id: string;
  task: string;
  /** Whether the task's body ran at all (false: Scheduled → Done without running). */
  ran?: boolean;
  outcome?: "result" | "exception" | "cancelled";
  say: string;
}

export interface ExerciseSpec {
  title: string;
  chapter: string;
  hints: string[];
  typical: TypicalAnswer[];
  events: EventCheck[];
}

/** CPython's output for the reference solution: its .out, and its .err (significant lines + exit status). */
export interface Expected {
  stdout: string;
  stderr: string;
}

export interface RunLike {
  stdout: string;
  stderr: string;
  status: number | null;
  reason: string;
  events: readonly unknown[];
}

export type Verdict =
  | { passed: true; message: string }
  | { passed: false; message: string; rule?: string };

function str(value: unknown, max = 10_000): string | null {
  return typeof value === "string" ? value.slice(0, max) : null;
}

/** What happened to each named task, from the events (read defensively). */
export function taskHistories(events: readonly unknown[]): Map<string, { ran: boolean; outcome: string | null }> {
  const byId = new Map<number, { name: string; ran: boolean; outcome: string | null }>();
  for (const raw of events.slice(0, 200_000)) {
    if (typeof raw !== "object" || raw === null) continue;
    const e = raw as Record<string, unknown>;
    if (typeof e.task !== "number") continue;
    if (e.type === "task-created") {
      const name = str(e.name, 200);
      if (name !== null) byId.set(e.task, { name, ran: false, outcome: null });
      continue;
    }
    const task = byId.get(e.task);
    if (task === undefined) continue;
    if (e.type === "step-end" && e.bodyRan === true) task.ran = true;
    else if (e.type === "task-done") task.outcome = str(e.outcome, 20);
  }
  const byName = new Map<string, { ran: boolean; outcome: string | null }>();
  for (const t of byId.values()) if (!byName.has(t.name)) byName.set(t.name, { ran: t.ran, outcome: t.outcome });
  return byName;
}

function quote(line: string | undefined): string {
  if (line === undefined) return "nothing";
  const shown = line.length > 120 ? `${line.slice(0, 117)}…` : line;
  return `“${shown}”`;
}

/** Where two texts first differ, in a sentence ("line 3: expected …, got …"). */
export function firstDifference(want: string, got: string): string {
  const w = want.replace(/\n+$/, "").split("\n");
  const g = got.replace(/\n+$/, "").split("\n");
  for (let i = 0; i < Math.max(w.length, g.length); i++) {
    if (w[i] === g[i]) continue;
    if (g[i] === undefined) return `line ${i + 1} is missing: expected ${quote(w[i])}`;
    if (w[i] === undefined) return `line ${i + 1} is one too many: ${quote(g[i])}`;
    return `line ${i + 1}: expected ${quote(w[i])}, got ${quote(g[i])}`;
  }
  return "";
}

const WHY_NOT_FINISHED: Record<string, string> = {
  stopped: "the run was stopped before the program finished",
  limit: "the program ran longer than the playground allows",
  timeout: "the program stopped answering (a loop that never reaches a yield*?)",
  error: "the program did not run: see the messages in its output",
};

export function grade(spec: ExerciseSpec, expected: Expected, run: RunLike): Verdict {
  if (run.reason !== "exit") {
    return { passed: false, message: `Not yet: ${WHY_NOT_FINISHED[run.reason] ?? "the program did not finish"}.` };
  }
  const stdout = normalise(str(run.stdout, 1_000_000) ?? "");
  const stderr = significantStderr(str(run.stderr, 1_000_000) ?? "", typeof run.status === "number" ? run.status : 1);
  for (const rule of spec.typical) {
    const matches =
      (rule.stdoutHas === undefined || stdout.includes(rule.stdoutHas)) &&
      (rule.stdoutLacks === undefined || !stdout.includes(rule.stdoutLacks)) &&
      (rule.stderrHas === undefined || stderr.includes(rule.stderrHas));
    if (matches) return { passed: false, message: `Not yet: ${rule.say}`, rule: rule.id };
  }
  const outDiff = firstDifference(expected.stdout, stdout);
  if (outDiff !== "") return { passed: false, message: `Not yet: the output differs from CPython's, ${outDiff}.` };
  const errDiff = firstDifference(expected.stderr, stderr);
  if (errDiff !== "") {
    return { passed: false, message: `Not yet: the output is right, but the errors and the exit status differ from CPython's, ${errDiff}.` };
  }
  const histories = taskHistories(run.events);
  for (const check of spec.events) {
    const task = histories.get(check.task);
    const ok =
      task !== undefined &&
      (check.ran === undefined || task.ran === check.ran) &&
      (check.outcome === undefined || task.outcome === check.outcome);
    if (!ok) return { passed: false, message: `Not yet: ${check.say}`, rule: check.id };
  }
  const extra = spec.events.length > 0 ? ", and the tasks went through the life-cycle the exercise asks for" : "";
  return { passed: true, message: `Passed: your program prints what CPython 3.13 prints for the reference solution${extra}.` };
}

/** The spec as read from exercise.json, checked field by field (a typo fails the build). */
export function parseSpec(id: string, json: unknown): ExerciseSpec {
  const where = `examples/exercises/${id}/exercise.json`;
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  if (typeof json !== "object" || json === null) fail("expected an object");
  const o = json as Record<string, unknown>;
  const text = (v: unknown, what: string) => (typeof v === "string" && v.trim() !== "" ? v : fail(`${what} must be a non-empty string`));
  const list = (v: unknown, what: string) => (Array.isArray(v) ? v : fail(`${what} must be an array`));
  const optional = (v: unknown, what: string) => (v === undefined ? undefined : text(v, what));
  const hints = list(o.hints, "hints").map((h, i) => text(h, `hints[${i}]`));
  if (hints.length === 0) fail("give at least one hint");
  const typical = list(o.typical, "typical").map((r, i) => {
    const rule = (typeof r === "object" && r !== null ? r : fail(`typical[${i}] must be an object`)) as Record<string, unknown>;
    const t: TypicalAnswer = {
      id: text(rule.id, `typical[${i}].id`),
      stdoutHas: optional(rule.stdoutHas, `typical[${i}].stdoutHas`),
      stdoutLacks: optional(rule.stdoutLacks, `typical[${i}].stdoutLacks`),
      stderrHas: optional(rule.stderrHas, `typical[${i}].stderrHas`),
      say: text(rule.say, `typical[${i}].say`),
    };
    if (t.stdoutHas === undefined && t.stdoutLacks === undefined && t.stderrHas === undefined) {
      fail(`typical[${i}] must say how to recognise it (stdoutHas, stdoutLacks or stderrHas)`);
    }
    return t;
  });
  const events = list(o.events ?? [], "events").map((r, i) => {
    const c = (typeof r === "object" && r !== null ? r : fail(`events[${i}] must be an object`)) as Record<string, unknown>;
    if (c.ran !== undefined && typeof c.ran !== "boolean") fail(`events[${i}].ran must be true or false`);
    if (c.outcome !== undefined && !["result", "exception", "cancelled"].includes(c.outcome as string)) {
      fail(`events[${i}].outcome must be result, exception or cancelled`);
    }
    return {
      id: text(c.id, `events[${i}].id`),
      task: text(c.task, `events[${i}].task`),
      ran: c.ran as boolean | undefined,
      outcome: c.outcome as EventCheck["outcome"],
      say: text(c.say, `events[${i}].say`),
    };
  });
  return { title: text(o.title, "title"), chapter: text(o.chapter, "chapter"), hints, typical, events };
}
