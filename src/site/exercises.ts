/**
 * The files of one exercise (build time, and the Node tests): examples/exercises/<id>/
 * holds exercise.json (title, chapter, hints, typical wrong answers, event checks),
 * starter.ts (what the reader starts from), solution.ts and its Python twin solution.py,
 * CPython 3.13's recording of solution.py (solution.out, solution.err, as for examples),
 * and wrong-<rule>.ts, one program per typical wrong answer (for the tests).
 */
import { readFile, readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { parseSpec, type ExerciseSpec, type Expected } from "./exercise-grade.ts";

export interface ExerciseFiles {
  id: string;
  spec: ExerciseSpec;
  starter: string;
  solutionTs: string;
  solutionPy: string;
  expected: Expected;
}

export const EXERCISE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function exercisesDir(): string {
  return resolve(process.env.EXAMPLES_DIR ?? "examples", "exercises");
}

export async function listExerciseIds(): Promise<string[]> {
  const entries = await readdir(exercisesDir(), { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && EXERCISE_ID.test(e.name)).map((e) => e.name).sort();
}

export async function readExercise(id: string): Promise<ExerciseFiles> {
  if (!EXERCISE_ID.test(id)) throw new Error(`<Exercise id="${id}">: expected a kebab-case name`);
  const dir = resolve(exercisesDir(), id);
  const read = async (name: string) => {
    try {
      return await readFile(resolve(dir, name), "utf8");
    } catch {
      throw new Error(`<Exercise id="${id}">: ${resolve(dir, name)} is missing`);
    }
  };
  const [json, starter, solutionTs, solutionPy, out, err] = await Promise.all(
    ["exercise.json", "starter.ts", "solution.ts", "solution.py", "solution.out", "solution.err"].map(read),
  );
  return {
    id,
    spec: parseSpec(id, JSON.parse(json!)),
    starter: starter!,
    solutionTs: solutionTs!,
    solutionPy: solutionPy!,
    expected: { stdout: out!, stderr: err! },
  };
}

/** Exercise ids per chapter slug, in id order: what the sidebar and home page count. */
export async function exercisesByChapter(): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const id of await listExerciseIds()) {
    const { spec } = await readExercise(id);
    map.set(spec.chapter, [...(map.get(spec.chapter) ?? []), id]);
  }
  return map;
}
