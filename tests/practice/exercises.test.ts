/**
 * Every exercise is sound (issue 10), checked with the page's own grading
 * (src/site/exercise-grade.ts) on runs of our runtime (the CLI's pipeline, with events):
 * the TypeScript solution prints exactly CPython's recording of its Python twin and passes;
 * the starter does not; each wrong-<rule>.ts gets its own rule's message; every rule is
 * reached by the starter or a wrong answer; the recordings are CPython 3.13's current
 * output; each exercise sits in the chapter it names, once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { chaptersDir } from "../parity/examples.ts";
import { normalise as parityNormalise, significantStderr as paritySignificant } from "../parity/normalise.ts";
import { recordFile, type Recording } from "../lifecycle/record.ts";
import { python313 } from "../../scripts/python.ts";
import { grade, taskHistories, type Verdict } from "../../src/site/exercise-grade.ts";
import { normalise, significantStderr } from "../../src/site/output-rules.ts";
import { exercisesDir, listExerciseIds, readExercise, type ExerciseFiles } from "../../src/site/exercises.ts";
import { findTags } from "./mdx-props.ts";

const ids = await listExerciseIds();
const dir = exercisesDir();

function verdict(ex: ExerciseFiles, r: Recording): Verdict {
  return grade(ex.spec, ex.expected, { ...r, reason: "exit" });
}

/** Where the chapters embed each exercise. */
function embeds(): { chapter: string; id: string }[] {
  return readdirSync(chaptersDir)
    .filter((f) => f.endsWith(".mdx"))
    .flatMap((file) =>
      findTags(readFileSync(join(chaptersDir, file), "utf8"), "Exercise").map((t) => ({ chapter: file.replace(/\.mdx$/, ""), id: String(t.props.id) })),
    );
}

describe("the exercises", () => {
  it("there are at least five, one on each step chapter and two on running and cancelling", async () => {
    expect(ids.length).toBeGreaterThanOrEqual(5);
    const chapters = (await Promise.all(ids.map(readExercise))).map((e) => e.spec.chapter);
    for (const step of ["created", "scheduled", "running", "done"]) {
      expect(chapters.some((c) => c.endsWith(step)), `an exercise on ${step}`).toBe(true);
    }
    expect(chapters.filter((c) => /running|cancel/.test(c)).length).toBeGreaterThanOrEqual(2);
  });

  it("each is embedded once, in the chapter its exercise.json names", async () => {
    const found = embeds();
    for (const id of ids) {
      const ex = await readExercise(id);
      expect(found.filter((e) => e.id === id).map((e) => e.chapter), id).toEqual([ex.spec.chapter]);
    }
    expect(found.filter((e) => !ids.includes(e.id))).toEqual([]);
  });

  it("the page's normalisation is the recorder's", () => {
    for (const id of ids) {
      const out = readFileSync(join(dir, id, "solution.out"), "utf8");
      expect(normalise(out)).toBe(parityNormalise(out));
    }
    const sample = "Traceback\n  File \"main.ts\", line 3\n<Task at main.ts:12> 0x7f00ab\r\nValueError: x\n";
    expect(normalise(sample)).toBe(parityNormalise(sample));
    expect(significantStderr(sample, 1)).toBe(paritySignificant(sample, 1));
  });
});

describe.each(ids)("exercise %s", (id) => {
  let ex: ExerciseFiles;
  const runs = new Map<string, Recording>();
  const programs = existsSync(join(dir, id)) ? readdirSync(join(dir, id)).filter((f) => /^(starter|solution|wrong-[\w-]+)\.ts$/.test(f)) : [];

  beforeAll(async () => {
    ex = await readExercise(id);
    // One process per program (a fresh runtime each), two at a time: the machine is shared.
    for (let i = 0; i < programs.length; i += 2) {
      const batch = programs.slice(i, i + 2);
      const done = await Promise.all(batch.map((f) => recordFile(join(dir, id, f))));
      batch.forEach((f, j) => runs.set(f, done[j]!));
    }
  }, 120_000);

  it("the TypeScript solution prints CPython's recording of solution.py, and passes", () => {
    const r = runs.get("solution.ts")!;
    expect(normalise(r.stdout)).toBe(ex.expected.stdout);
    expect(significantStderr(r.stderr, r.status)).toBe(ex.expected.stderr);
    expect(verdict(ex, r)).toMatchObject({ passed: true });
  });

  it("the starter does not pass, and prints something else", () => {
    const r = runs.get("starter.ts")!;
    expect(normalise(r.stdout) + significantStderr(r.stderr, r.status)).not.toBe(ex.expected.stdout + ex.expected.stderr);
    expect(verdict(ex, r).passed).toBe(false);
  });

  it("each wrong answer gets its own rule's message", () => {
    const wrong = programs.filter((f) => f.startsWith("wrong-"));
    for (const f of wrong) {
      const rule = f.replace(/^wrong-/, "").replace(/\.ts$/, "");
      const v = verdict(ex, runs.get(f)!);
      expect(v.passed, f).toBe(false);
      expect(v.passed ? "" : v.rule, f).toBe(rule);
      const say = [...ex.spec.typical, ...ex.spec.events].find((t) => t.id === rule)!.say;
      expect(v.message).toBe(`Not yet: ${say}`);
    }
  });

  it("every rule is reached by the starter or a wrong answer", () => {
    const reached = new Set(programs.filter((f) => f !== "solution.ts").map((f) => {
      const v = verdict(ex, runs.get(f)!);
      return v.passed ? "" : v.rule;
    }));
    for (const rule of [...ex.spec.typical, ...ex.spec.events]) expect(reached.has(rule.id), rule.id).toBe(true);
  });

  it("the event checks hold for the solution's tasks", () => {
    const histories = taskHistories(runs.get("solution.ts")!.events);
    for (const check of ex.spec.events) expect(histories.get(check.task), check.task).toBeDefined();
  });
});

const python = python313();
describe.runIf(python !== null)("the recordings are CPython 3.13's current output", () => {
  it.each(ids)("%s", (id) => {
    const r = spawnSync(python!, ["solution.py"], { cwd: join(dir, id), encoding: "utf8", timeout: 60_000 });
    expect(parityNormalise(r.stdout)).toBe(readFileSync(join(dir, id, "solution.out"), "utf8"));
    expect(paritySignificant(r.stderr, r.status ?? 99)).toBe(readFileSync(join(dir, id, "solution.err"), "utf8"));
  });
});

describe("grading", () => {
  const spec = {
    title: "t",
    chapter: "c",
    hints: ["h"],
    typical: [{ id: "boom", stderrHas: "ValueError", say: "no ValueError please" }],
    events: [{ id: "quiet", task: "w", ran: false, say: "w must not run" }],
  };
  const expected = { stdout: "a\nb\n", stderr: "exit status: 0\n" };
  const events = [
    { type: "task-created", task: 1, name: "w" },
    { type: "step-end", task: 1, bodyRan: false },
    { type: "task-done", task: 1, outcome: "cancelled" },
  ];
  const run = { stdout: "a\nb\n", stderr: "", status: 0, reason: "exit", events };
  it("passes the right output and events; says which line differs; names an unfinished run", () => {
    expect(grade(spec, expected, run).passed).toBe(true);
    expect(grade(spec, expected, { ...run, stdout: "a\nc\n" }).message).toBe("Not yet: the output differs from CPython's, line 2: expected “b”, got “c”.");
    expect(grade(spec, expected, { ...run, stdout: "a\n" }).message).toMatch(/line 2 is missing/);
    expect(grade(spec, expected, { ...run, stderr: "Traceback:\nValueError: x\n", status: 1 }).message).toBe("Not yet: no ValueError please");
    expect(grade(spec, expected, { ...run, status: 1 }).message).toMatch(/exit status/);
    expect(grade(spec, expected, { ...run, reason: "timeout" }).message).toMatch(/^Not yet: .*stopped answering/);
    const ran = [...events.slice(0, 1), { type: "step-end", task: 1, bodyRan: true }, events[2]];
    expect(grade(spec, expected, { ...run, events: ran }).message).toBe("Not yet: w must not run");
  });

  it("reads untrusted events defensively", () => {
    const junk = [null, 3, "x", { type: "task-created", task: "1", name: "w" }, { type: "task-created", task: 2, name: {} }, { type: "step-end", task: 9, bodyRan: true }];
    expect(taskHistories(junk).size).toBe(0);
    expect(grade(spec, expected, { ...run, events: junk }).passed).toBe(false);
  });
});
