/**
 * The choices of a <Predict> question (build time, and the Node test that checks every
 * question): the right one is the example's recorded CPython output, never typed; the
 * distractors come from the chapter; the order is a shuffle that is the same on every build.
 *
 * Pure: no file system, so that tests/practice can hold the chapters to the same rules.
 */

export interface PredictSpec {
  /** The example's id ("06-done/awaiter-is-a-callback"); also seeds the shuffle. */
  example: string;
  question: string;
  /** CPython's recorded standard output of the example (its .out file). */
  recorded: string;
  /** 1 to 3 plausible outputs that CPython does not print. */
  wrong: readonly string[];
  /** Which lines of the output the question is about: "3", "2-4" (1-based, inclusive). */
  lines?: string;
}

export interface PredictChoices {
  /** The right answer and the distractors, shuffled. */
  choices: string[];
  /** Index of the right answer in `choices`. */
  answer: number;
}

/** Trailing newlines and trailing spaces at line ends are not something a reader can see. */
export function visible(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n+$/, "");
}

/** The lines `spec` names ("3", "2-4"), or the whole text without `spec`. */
export function selectLines(text: string, spec: string | undefined, where = "lines"): string {
  const all = visible(text).split("\n");
  if (spec === undefined) return all.join("\n");
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(spec);
  if (!m) throw new Error(`${where}="${spec}": expected a line number or a range such as "2-4"`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from < 1 || to < from || to > all.length) {
    throw new Error(`${where}="${spec}": the recorded output has ${all.length} line(s)`);
  }
  return all.slice(from - 1, to).join("\n");
}

/** FNV-1a: a small, stable string hash to seed the shuffle. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded generator, so the order is the same on every build. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function stableShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const random = generator(hash(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Problems with a question, as sentences (empty when it is sound): 1 to 3 distractors, each
 * different from the recorded output and from each other, as a reader would see them.
 */
export function predictProblems(spec: PredictSpec): string[] {
  const problems: string[] = [];
  const where = `<Predict example="${spec.example}">`;
  if (typeof spec.question !== "string" || spec.question.trim() === "") {
    problems.push(`${where}: the question is empty`);
  }
  let right: string;
  try {
    right = selectLines(spec.recorded, spec.lines, `${where} lines`);
  } catch (error) {
    return [...problems, (error as Error).message];
  }
  if (right === "") problems.push(`${where}: the recorded output is empty, so there is nothing to predict`);
  if (!Array.isArray(spec.wrong) || spec.wrong.length < 1 || spec.wrong.length > 3) {
    problems.push(`${where}: wrong must hold 1 to 3 distractors`);
    return problems;
  }
  const seen = new Set<string>([right]);
  for (const [i, w] of spec.wrong.entries()) {
    if (typeof w !== "string") {
      problems.push(`${where}: wrong[${i}] is not a string`);
      continue;
    }
    const shown = visible(w);
    if (shown === right) problems.push(`${where}: wrong[${i}] is what CPython printed`);
    else if (seen.has(shown)) problems.push(`${where}: wrong[${i}] repeats another choice`);
    else if (shown === "") problems.push(`${where}: wrong[${i}] is empty`);
    seen.add(shown);
  }
  return problems;
}

/** The shuffled choices; throws (failing the build) when the question is not sound. */
export function predictChoices(spec: PredictSpec): PredictChoices {
  const problems = predictProblems(spec);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const right = selectLines(spec.recorded, spec.lines);
  const all = [right, ...spec.wrong.map(visible)];
  const order = stableShuffle(all.map((_, i) => i), `${spec.example}\n${spec.question}`);
  return { choices: order.map((i) => all[i]!), answer: order.indexOf(0) };
}
