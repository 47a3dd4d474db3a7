/**
 * `npm run bench`: the runtime as the command line runs it, against CPython 3.13 on the same
 * workloads, side by side in one run (issue 12).
 *
 *   awaited    100,000 tasks x 10 sleep(0), each task awaited in turn
 *   gathered   100,000 tasks x 10 sleep(0), gathered
 *   timers     10,000 tasks x 10 pseudo-random virtual sleeps
 *   chain-N    a chain of N nested awaits (N = 1, 500, 2,000), 20,000 sleep(0) at its end
 *
 * Each TypeScript workload (bench/workloads/*.ts) runs through `src/cli/example.ts`, exactly
 * what `npm run --silent example -- FILE.ts` does: the project's esbuild configuration with
 * its line marks and source map, the CLI's host (tracebacks through the source map), no
 * engine flags (the page cannot set any). Its Python twin runs under CPython 3.13 on a
 * virtual clock (bench/workloads/vclock_runner.py). Both time `asyncio.run(...)` inside the
 * process and report the process's peak resident memory. The runs are interleaved
 * (ts, py, ts, py, ...), because the machine's load and CPython's own time (which jumps
 * between two levels from run to run) drift; medians are printed with the range of the runs.
 * Ratios are steps per second, runtime over CPython: above 1 the runtime is faster.
 *
 * usage: npm run bench [-- --runs N] [--only NAME,NAME]
 */
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { python313 } from "../scripts/python.ts";

const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, "../src/cli/example.ts");

interface Workload {
  name: string;
  file: string;
  label: string;
  env?: Record<string, string>;
}

const WORKLOADS: Workload[] = [
  { name: "awaited", file: "awaited", label: "100,000 tasks x 10 sleep(0), each awaited in turn" },
  { name: "gathered", file: "gathered", label: "100,000 tasks x 10 sleep(0), gathered" },
  { name: "timers", file: "timers", label: "10,000 tasks x 10 random virtual sleeps" },
  ...[1, 500, 2000].map((depth) => ({
    name: `chain-${depth}`,
    file: "chain",
    label: `chain of ${depth.toLocaleString("en-US")} nested awaits, 20,000 sleep(0) at its end`,
    env: { BENCH_DEPTH: String(depth) },
  })),
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
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]!.split(",")) : null;
const python = process.env.BENCH_PYTHON ?? python313();

function runChild(command: string, argv: string[], env: Record<string, string> = {}): Figures {
  const r = spawnSync(command, argv, { encoding: "utf8", maxBuffer: 1 << 20, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${command} ${argv.join(" ")} failed (${r.status}):\n${r.stderr}`);
  const line = r.stdout.trim().split("\n").pop()!;
  return JSON.parse(line) as Figures;
}

/** The true median: the middle value, or the mean of the two middle ones. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const range = (xs: number[], f: (n: number) => string) => `${f(Math.min(...xs))}-${f(Math.max(...xs))}`;

console.log(
  `runtime: the CLI (src/cli/example.ts), node ${process.version}, no engine flags; ` +
    `reference: ${python ?? "none (no CPython 3.13 found)"}; ${runs} interleaved runs, medians (range)`,
);
const summary: string[] = [];
for (const w of WORKLOADS) {
  if (only && !only.has(w.name)) continue;
  const file = join(here, "workloads", `${w.file}.ts`);
  const ts: Figures[] = [];
  const py: Figures[] = [];
  for (let i = 0; i < runs; i++) {
    ts.push(runChild(process.execPath, [CLI, file], w.env));
    if (python) py.push(runChild(python, [join(here, "workloads", "vclock_runner.py"), join(here, "workloads", `${w.file}.py`)], w.env));
  }
  const tsRates = ts.map((f) => f.steps / f.seconds);
  console.log(`\n${w.name}: ${w.label}`);
  console.log(
    `  runtime  ${fmt(median(tsRates)).padStart(11)} steps/s (${range(tsRates, fmt)})   ${median(ts.map((f) => f.seconds)).toFixed(3)} s   peak ${mb(median(ts.map((f) => f.peakKB)))}`,
  );
  if (py.length > 0) {
    const pyRates = py.map((f) => f.steps / f.seconds);
    // Ratios run by run (each runtime run against the CPython run beside it), then their median.
    const ratios = ts.map((f, i) => f.steps / f.seconds / (py[i]!.steps / py[i]!.seconds));
    const mem = median(ts.map((f) => f.peakKB)) / median(py.map((f) => f.peakKB));
    console.log(
      `  CPython  ${fmt(median(pyRates)).padStart(11)} steps/s (${range(pyRates, fmt)})   ${median(py.map((f) => f.seconds)).toFixed(3)} s   peak ${mb(median(py.map((f) => f.peakKB)))}`,
    );
    console.log(`  ratio    ${median(ratios).toFixed(2)}x CPython's steps/s (${range(ratios, (n) => n.toFixed(2))}), memory ${mem.toFixed(2)}x CPython's`);
    summary.push(`| ${w.name} | ${median(ratios).toFixed(2)}x (${range(ratios, (n) => n.toFixed(2))}) | ${mem.toFixed(2)}x |`);
  }
}
if (summary.length > 0) {
  console.log("\n| workload | steps/s vs CPython 3.13 (range) | peak memory vs CPython |\n| --- | --- | --- |");
  for (const row of summary) console.log(row);
}
