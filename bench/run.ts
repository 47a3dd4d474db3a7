/**
 * `npm run bench`: the runtime against CPython 3.13 on the same workloads, side by side.
 *
 *   (a) 100,000 tasks each doing 10 sleep(0), gathered
 *   (b) 10,000 tasks sleeping pseudo-random virtual durations (10 sleeps each)
 *   (c) a chain of 1,000 nested awaits whose innermost coroutine yields 1,000 times
 *
 * Each TypeScript workload (bench/workloads/*.ts) is bundled with the project's esbuild
 * configuration (src/bundle/options.ts, so instrumentation is present but unsubscribed) and run
 * by plain `node` with no engine flags (the page cannot set any); its Python twin runs under
 * `python3.13` on a virtual clock (bench/workloads/vclock_runner.py). Both time the run inside
 * the process and report their peak resident memory. Runs are interleaved (ts, py, ts, py, ...)
 * and the medians are printed, because CPython's time on (a) jumps between two levels from run
 * to run.
 *
 * usage: npm run bench [-- --runs N] [--only a]
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleOptions, outputName } from "../src/bundle/options.ts";
import { python313 } from "../scripts/python.ts";

const here = dirname(fileURLToPath(import.meta.url));
const RUNTIME = resolve(here, "../src/asyncio/index.ts");
const WORKLOADS = [
  { key: "a", name: "a-sleep0", label: "(a) 100,000 tasks x 10 sleep(0), gathered" },
  { key: "b", name: "b-timers", label: "(b) 10,000 tasks x 10 random virtual sleeps" },
  { key: "c", name: "c-chain", label: "(c) chain of 1,000 nested awaits, 1,000 yields" },
];

interface Figures {
  seconds: number;
  steps: number;
  peakKB: number;
}

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args[onlyAt + 1] : null;
const python = process.env.BENCH_PYTHON ?? python313() ?? "python3.13";

function hasPython(): boolean {
  const r = spawnSync(python, ["-c", "import sys; print(sys.version_info[:2] >= (3, 13))"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() === "True";
}

/** Bundles a workload and appends the line that reports its figures. */
async function bundle(name: string, dir: string): Promise<string> {
  const file = join(here, "workloads", `${name}.ts`);
  const result = await build(
    bundleOptions({ source: readFileSync(file, "utf8"), fileName: `${name}.ts`, runtime: { kind: "file", path: RUNTIME }, resolveDir: dirname(file) }),
  );
  const js = result.outputFiles!.find((f) => f.path.endsWith(outputName(`${name}.ts`)))!.text;
  const path = join(dir, `${name}.mjs`);
  writeFileSync(
    path,
    js +
      "\nconsole.log(JSON.stringify({ ...globalThis.__bench__, peakKB: process.resourceUsage().maxRSS }));\n",
  );
  return path;
}

function runChild(command: string, argv: string[]): Figures {
  const r = spawnSync(command, argv, { encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${command} ${argv.join(" ")} failed (${r.status}):\n${r.stderr}`);
  const line = r.stdout.trim().split("\n").pop()!;
  return JSON.parse(line) as Figures;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;

const dir = mkdtempSync(join(tmpdir(), "asyncio-bench-"));
try {
  const withPython = hasPython();
  console.log(`runtime: node ${process.version}, no engine flags; reference: ${withPython ? python : "none (python3.13 not found)"}; ${runs} interleaved runs, medians`);
  for (const w of WORKLOADS) {
    if (only && w.key !== only) continue;
    const bundlePath = await bundle(w.name, dir);
    const ts: Figures[] = [];
    const py: Figures[] = [];
    for (let i = 0; i < runs; i++) {
      ts.push(runChild(process.execPath, [bundlePath]));
      if (withPython) py.push(runChild(python, [join(here, "workloads", "vclock_runner.py"), join(here, "workloads", `${w.name}.py`)]));
    }
    const tsRate = median(ts.map((f) => f.steps / f.seconds));
    const tsPeak = median(ts.map((f) => f.peakKB));
    console.log(`\n${w.label}`);
    console.log(`  runtime  ${fmt(tsRate).padStart(12)} task steps/s   ${median(ts.map((f) => f.seconds)).toFixed(3)} s   peak ${mb(tsPeak)}`);
    if (withPython) {
      const pyRate = median(py.map((f) => f.steps / f.seconds));
      const pyPeak = median(py.map((f) => f.peakKB));
      console.log(`  CPython  ${fmt(pyRate).padStart(12)} task steps/s   ${median(py.map((f) => f.seconds)).toFixed(3)} s   peak ${mb(pyPeak)}`);
      console.log(`  ratio    ${(tsRate / pyRate).toFixed(2)}x steps/s   memory ${(tsPeak / pyPeak).toFixed(2)}x of CPython's`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
