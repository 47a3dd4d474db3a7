/**
 * A page cannot lie: every example's TypeScript, run through the same pipeline as
 * `npm run --silent example -- FILE.ts`, prints exactly what CPython 3.13 printed for its
 * Python twin (the recorded .out / .err, compared under the rules of normalise.ts), with
 * CPython's traceback frames (frames.json) in the same order. And
 * every example is shown in a chapter, and every chapter embeds only examples that exist.
 */
import { describe, it, expect } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { exitStatus, normalise, significantStderr, lineDiff, tracebackFrames } from "./normalise.ts";
import { listExamples, listEmbeds, readFrames, root, type ExampleFiles } from "./examples.ts";
import { python313 } from "../../scripts/python.ts";

interface Run {
  stdout: string;
  stderr: string;
  status: number;
}

/** The command behind `npm run example`, run with this Node when it is a node script
 *  (that saves npm's own start-up for each of the examples), else through npm. */
function exampleCommand(file: string): [string, string[]] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const script = pkg.scripts?.example ?? "";
  const words = script.split(/\s+/).filter(Boolean);
  if (words[0] === "node" && words.every((w) => !/[|&;<>$`"']/.test(w))) {
    return [process.execPath, [...words.slice(1), file]];
  }
  return ["npm", ["run", "--silent", "example", "--", file]];
}

function runExample(file: string): Promise<Run> {
  const [command, args] = exampleCommand(file);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ stdout, stderr: `${stderr}${e.message}\n`, status: 99 });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // CPython's own SIGINT after a KeyboardInterrupt is its status (130), not a failure.
      const own = signal === "SIGINT";
      resolve({ stdout, stderr: signal && !own ? `${stderr}killed by ${signal}\n` : stderr, status: exitStatus(code, signal) });
    });
  });
}

/** Runs the jobs at most `size` at a time (the machine has 2 cores shared by everyone). */
function pool<T>(size: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return (job: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        active++;
        job()
          .then(resolve, reject)
          .finally(() => {
            active--;
            waiting.shift()?.();
          });
      };
      if (active < size) start();
      else waiting.push(start);
    });
}

const examples = listExamples();
const frames = readFrames();
const embeds = listEmbeds();
// Two at a time: the machine has 2 cores, shared with whatever else is running.
const limit = pool<Run>(2);

describe("examples match CPython 3.13", () => {
  it("there are examples to check", () => {
    expect(examples.length).toBeGreaterThanOrEqual(20);
  });

  // Concurrent tests, throttled by the pool: a filtered run (-t) starts only its own programs.
  it.concurrent.for(examples.map((ex) => [ex.id, ex] as [string, ExampleFiles]))(
    "%s",
    async ([, ex], { expect }) => {
      for (const f of [ex.ts, ex.py, ex.out, ex.err]) {
        expect(existsSync(f), `missing ${f}`).toBe(true);
      }
      const got = await limit(() => runExample(ex.ts));
      const wantOut = readFileSync(ex.out, "utf8");
      const wantErr = readFileSync(ex.err, "utf8");
      const wantFrames = frames[ex.id] ?? "";
      const gotOut = normalise(got.stdout);
      const gotErr = significantStderr(got.stderr, got.status);
      const gotFrames = tracebackFrames(got.stderr);
      // One report for both streams, so a failure reads as a diff of what differs.
      const report = [
        gotOut === wantOut ? "" : lineDiff("stdout", wantOut, gotOut),
        gotErr === wantErr ? "" : lineDiff("stderr", wantErr, gotErr),
        gotFrames === wantFrames ? "" : lineDiff("traceback frames", wantFrames, gotFrames),
        gotErr === wantErr && gotFrames === wantFrames ? "" : `full stderr:\n${got.stderr}`,
      ]
        .filter(Boolean)
        .join("\n");
      expect(report, report).toBe("");
    },
  );
});

const python = python313();

// The recordings are only worth something if they are what the .py prints today: a twin
// edited without re-recording (node scripts/record-examples.ts) is caught here. Machines
// without CPython 3.13 cannot check this, and the TypeScript side above still runs there.
describe.runIf(python !== null)("recordings are CPython 3.13's current output", () => {
  it.each(examples.map((ex) => [ex.id, ex] as [string, ExampleFiles]))("%s", (_id, ex) => {
    const r = spawnSync(python!, [ex.py], { cwd: join(ex.py, ".."), encoding: "utf8", timeout: 60_000 });
    expect(normalise(r.stdout)).toBe(readFileSync(ex.out, "utf8"));
    expect(significantStderr(r.stderr, exitStatus(r.status, r.signal))).toBe(readFileSync(ex.err, "utf8"));
    expect(tracebackFrames(r.stderr)).toBe(frames[ex.id] ?? "");
  });

  it("frames.json names only examples that exist", () => {
    const ids = new Set(examples.map((ex) => ex.id));
    expect(Object.keys(frames).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe("chapters and examples agree", () => {
  it("every example is embedded in the chapter its folder is named after", () => {
    const embedded = new Map(embeds.map((e) => [e.id, e.chapter]));
    const problems = examples
      .filter((ex) => embedded.get(ex.id) !== ex.chapter)
      .map((ex) =>
        embedded.has(ex.id)
          ? `${ex.id} is embedded in ${embedded.get(ex.id)}, not in ${ex.chapter}`
          : `${ex.id} is not embedded in any chapter`,
      );
    expect(problems).toEqual([]);
  });

  it("every <Example id> in the chapters names an example that exists", () => {
    const ids = new Set(examples.map((ex) => ex.id));
    const missing = embeds
      .filter((e) => !ids.has(e.id))
      .map((e) => `${e.chapter}.mdx:${e.line}: ${e.id}`);
    expect(embeds.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it("no example is embedded twice", () => {
    const seen = new Map<string, number>();
    for (const e of embeds) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([id]) => id)).toEqual([]);
  });

  it("each step chapter has at least three examples", () => {
    const steps = ["03-created", "04-scheduled", "05-running", "06-cancelling", "07-done"];
    const counts = steps.map((s) => [s, examples.filter((ex) => ex.chapter === s).length] as const);
    expect(counts.filter(([, n]) => n < 3)).toEqual([]);
  });
});
