// `npm run fuzz -- --count N --seed S [--jobs 2] [--no-shrink] [--max-saves 10] [--from I] [--keep] [--rev COMMIT]`
//
// Generates N program pairs from seed S (program i uses programSeed(S, i), so any one can be
// regenerated alone with --from i --count 1), runs each in CPython 3.13 on a virtual clock
// (fuzz/pyvclock.py) and in our runtime, compares them as ../shared/tools/conformance does
// (fuzz/compare.ts), and on a difference shrinks the program to a small one that still
// differs and saves it as tests/regressions/<id>.{py,ts,out,err} (CPython's output, in the
// conformance format) and <id>.frames (the frames of its tracebacks, when it printed any),
// which tests/regressions/regressions.test.ts replays without Python.
// Ends with the line "N programs, M differences". Without CPython 3.13 it says that it
// skipped, and why, and exits 0.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { difference, expectedOf, type Expected } from "./compare.ts";
import { DEADLOCK_STATUS, findPython, PythonServer, ROOT, runPython, runRuntime, TIMEOUT_STATUS, useRuntimeSnapshot } from "./exec.ts";
import { generate, printProgram, programSeed, type Program } from "./generate.ts";
import { RuntimeRunner } from "./runtime-pool.ts";
import { shrink } from "./shrink.ts";
import { stop as stopEsbuild } from "esbuild";

interface Options {
  count: number;
  seed: number;
  jobs: number;
  shrink: boolean;
  maxSaves: number;
  from: number;
  keep: boolean;
  out: string;
  /** Test the runtime of this commit (a snapshot) instead of the working tree. */
  rev: string | null;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    count: 100,
    seed: Date.now() % 1_000_000,
    jobs: 2,
    shrink: true,
    maxSaves: 10,
    from: 0,
    keep: false,
    out: join(ROOT, "tests/regressions"),
    rev: null,
  };
  const num = (i: number): number => {
    const v = Number(argv[i]);
    if (!Number.isInteger(v) || v < 0) {
      console.error(`fuzz: ${argv[i - 1]} needs a whole number, got ${argv[i]}`);
      process.exit(2);
    }
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case "--count": o.count = num(++i); break;
      case "--seed": o.seed = num(++i); break;
      case "--jobs": o.jobs = Math.max(1, num(++i)); break;
      case "--from": o.from = num(++i); break;
      case "--max-saves": o.maxSaves = num(++i); break;
      case "--no-shrink": o.shrink = false; break;
      case "--keep": o.keep = true; break;
      case "--out": o.out = argv[++i]; break;
      case "--rev": o.rev = argv[++i]; break;
      default:
        console.error(`fuzz: unknown argument ${argv[i]}\nusage: npm run fuzz -- --count N --seed S [--jobs 2] [--no-shrink] [--max-saves 10] [--from I] [--keep] [--out DIR] [--rev COMMIT]`);
        process.exit(2);
    }
  }
  return o;
}

type Outcome =
  | { kind: "same" }
  | { kind: "invalid"; why: string } // CPython itself deadlocked or ran away: a generator problem
  | { kind: "differs"; diff: string; want: Expected };

/** The two interpreters one fuzzing job uses: fast in-process ones, and the reference commands. */
interface Engines {
  python: string;
  server: PythonServer;
  runner: RuntimeRunner;
}

/**
 * Runs p in CPython and in our runtime: first the fast way (CPython's fork server, the
 * runtime in a worker thread), and when they differ, again the reference way
 * (`python3.13 fuzz/pyvclock.py` and the `npm run example` CLI), whose verdict counts.
 */
async function check(e: Engines, dir: string, name: string, p: Program): Promise<Outcome> {
  const py = join(dir, `${name}.py`);
  const ts = join(dir, `${name}.ts`);
  const tsText = printProgram(p, "ts");
  writeFileSync(py, printProgram(p, "py"));
  writeFileSync(ts, tsText);
  const fastPy = await e.server.run(py);
  if (fastPy.status === DEADLOCK_STATUS) return { kind: "invalid", why: fastPy.stderr.trim().split("\n").pop() ?? "deadlock" };
  if (fastPy.status === TIMEOUT_STATUS) return { kind: "invalid", why: "CPython run timed out" };
  if (difference(expectedOf(fastPy), expectedOf(await e.runner.run(tsText, `${name}.ts`))) === null) return { kind: "same" };
  const pr = await runPython(e.python, py);
  if (pr.status === DEADLOCK_STATUS || pr.status === TIMEOUT_STATUS) return { kind: "invalid", why: "CPython deadlocked or timed out" };
  const want = expectedOf(pr);
  const diff = difference(want, expectedOf(await runRuntime(ts)));
  return diff === null ? { kind: "same" } : { kind: "differs", diff, want };
}

function header(lang: "py" | "ts", seed: number, index: number, prog: Program, tried: number): string {
  const c = lang === "py" ? "#" : "//";
  return [
    `${c} Regression case found by the differential fuzzer (fuzz/run.ts): program ${index} of`,
    `${c} \`npm run fuzz -- --seed ${seed}\` (program seed ${prog.seed}), shrunk in ${tried} steps.`,
    `${c} Expected output: CPython 3.13 on fuzz/pyvclock.py's virtual clock.`,
    "",
  ].join("\n");
}

function existingCases(dir: string): Set<string> {
  const hashes = new Set<string>();
  if (!existsSync(dir)) return hashes;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith(".py")) continue;
    const body = readFileSync(join(dir, f), "utf8").split("\n").filter((l) => !l.startsWith("#")).join("\n");
    hashes.add(createHash("sha1").update(body).digest("hex"));
  }
  return hashes;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const py = findPython();
  if (!py.ok) {
    console.log(`fuzz: skipped, ${py.reason}; set CONFORMANCE_PYTHON to a CPython 3.13 interpreter`);
    return;
  }
  let snapshot: string | null = null;
  if (o.rev !== null) {
    const s = useRuntimeSnapshot(o.rev);
    snapshot = s.dir;
    console.log(`fuzz: runtime of commit ${s.commit}`);
  }
  const work = mkdtempSync(join(tmpdir(), "asyncio-fuzz-"));
  mkdirSync(o.out, { recursive: true });
  const saved = existingCases(o.out);
  let ran = 0;
  let differences = 0;
  let invalid = 0;
  let saves = 0;
  let next = o.from;
  const end = o.from + o.count;
  const started = Date.now();
  console.log(`fuzz: seed ${o.seed}, programs ${o.from}..${end - 1}, ${o.jobs} jobs, CPython ${py.command}`);

  /** Shrinks a differing program and saves it as a regression case (unless one like it exists). */
  const keep = async (engines: Engines, dir: string, index: number, prog: Program): Promise<void> => {
    const r = await shrink(prog, async (cand) => (await check(engines, dir, "cand", cand)).kind === "differs");
    const final = await check(engines, dir, "final", r.program);
    if (final.kind !== "differs") {
      console.log("  shrinking lost the difference (flaky?): not saved");
      return;
    }
    const pyText = printProgram(r.program, "py");
    const hash = createHash("sha1").update(pyText.split("\n").filter((l) => !l.startsWith("#")).join("\n")).digest("hex");
    if (saved.has(hash)) {
      console.log("  shrunk to a case already saved");
      return;
    }
    saved.add(hash);
    saves++;
    const id = `fuzz-${o.seed}-${index}`;
    writeFileSync(join(o.out, `${id}.py`), header("py", o.seed, index, r.program, r.tried) + pyText);
    writeFileSync(join(o.out, `${id}.ts`), header("ts", o.seed, index, r.program, r.tried) + printProgram(r.program, "ts"));
    writeFileSync(join(o.out, `${id}.out`), final.want.out);
    writeFileSync(join(o.out, `${id}.err`), final.want.err);
    if (final.want.frames !== "") writeFileSync(join(o.out, `${id}.frames`), final.want.frames);
    console.log(`  shrunk in ${r.tried} steps${r.exhausted ? " (budget used up)" : ""}; saved ${join(o.out, id)}:\n${final.diff}`);
  };

  const worker = async (w: number): Promise<void> => {
    const dir = join(work, `w${w}`);
    mkdirSync(dir);
    const engines: Engines = { python: py.command, server: new PythonServer(py.command), runner: new RuntimeRunner() };
    try {
      while (next < end) {
        const index = next++;
        const prog = generate(programSeed(o.seed, index));
        const outcome = await check(engines, dir, "prog", prog);
        ran++;
        if (outcome.kind === "invalid") {
          invalid++;
          console.log(`program ${index}: not comparable (${outcome.why})`);
        } else if (outcome.kind === "differs") {
          differences++;
          console.log(`program ${index} (program seed ${prog.seed}) differs:\n${outcome.diff}`);
          if (o.shrink && saves < o.maxSaves) await keep(engines, dir, index, prog);
        }
        if (ran % 100 === 0) {
          const secs = (Date.now() - started) / 1000;
          console.log(`... ${ran} programs, ${differences} differences (${(ran / secs).toFixed(1)} programs/s)`);
        }
      }
    } finally {
      engines.server.close();
      await engines.runner.close();
    }
  };
  try {
    await Promise.all(Array.from({ length: o.jobs }, (_, w) => worker(w)));
  } finally {
    await stopEsbuild();
    if (!o.keep) rmSync(work, { recursive: true, force: true });
    else console.log(`fuzz: programs kept in ${work}`);
    if (snapshot !== null) rmSync(snapshot, { recursive: true, force: true });
  }
  if (invalid) console.log(`${invalid} programs not comparable (CPython deadlocked or ran away)`);
  console.log(`${ran} programs, ${differences} differences`);
  process.exitCode = differences === 0 ? 0 : 1;
}

await main();
