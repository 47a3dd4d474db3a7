/**
 * `npm run bench`: the runtime as the command line runs it, against CPython 3.13 on the same
 * workloads, side by side in one run (issue 12).
 *
 *   awaited    100,000 tasks x 10 sleep(0), each task awaited in turn
 *   gathered   100,000 tasks x 10 sleep(0), gathered
 *   timers     10,000 tasks x 10 pseudo-random virtual sleeps
 *   chain-N    a chain of N nested awaits (N = 1, 500, 2,000), 20,000 sleep(0) at its end
 *   startup    a small program (bench/workloads/hello.ts: one task, no time passing) from
 *              start to exit, against `python3.13 hello.py`: what each of the hundreds of
 *              runs of the test suite costs
 *
 * Each TypeScript workload (bench/workloads/*.ts) runs through `src/cli/example.ts`, exactly
 * what `npm run --silent example -- FILE.ts` runs: the project's esbuild configuration with
 * its line marks and source map, the CLI's host (tracebacks through the source map), no
 * engine flags (the page cannot set any). Its Python twin runs under CPython 3.13 on a
 * virtual clock (bench/workloads/vclock_runner.py). Both time `asyncio.run(...)` inside the
 * process. Peak memory is what the machine holds at once for the whole command, every process
 * of it included (bench/support/measure.ts): for the CLI the bundling process, esbuild's
 * service and the process that runs the program. The runs are interleaved (ts, py, ts, py,
 * ...), because the machine's load and CPython's own time (which jumps between two levels from
 * run to run) drift; medians are printed with the range of the runs. Ratios are steps per
 * second, runtime over CPython: above 1 the runtime is faster. Memory ratios: below 1 the
 * runtime holds less. The load average is printed, since the figures depend on it.
 *
 * usage: npm run bench [-- --runs N] [--only NAME,NAME] [--npm]
 *   --npm  also runs `awaited` through `npm run --silent example`, npm's own process included
 */
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { python313 } from "../scripts/python.ts";
import { measure, type Measured } from "./support/measure.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const CLI = resolve(root, "src/cli/example.ts");

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
  /** Peak memory of the whole command at once (KB). */
  peakKB: number;
}

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]!.split(",")) : null;
const viaNpm = args.includes("--npm");
const python = process.env.BENCH_PYTHON ?? python313();

function check(m: Measured, what: string): Measured {
  if (m.status !== 0) throw new Error(`${what} failed (${m.status}):\n${m.stderr}`);
  return m;
}

/** Runs a workload; its last line of output is its own report (bench/workloads/report.ts). */
async function runWorkload(command: string, argv: string[], env: Record<string, string> = {}): Promise<Figures> {
  const m = check(await measure(command, argv, env, root), `${command} ${argv.join(" ")}`);
  const own = JSON.parse(m.stdout.trim().split("\n").pop()!) as Figures;
  return { seconds: own.seconds, steps: own.steps, peakKB: Math.max(own.peakKB, m.peakKB) };
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
const loads: number[] = [];
const noteLoad = () => loads.push(loadavg()[0]!);

console.log(
  `runtime: the CLI (src/cli/example.ts), node ${process.version}, no engine flags; ` +
    `reference: ${python ?? "none (no CPython 3.13 found)"}; ${runs} interleaved runs, medians (range); ` +
    `memory: peak of the whole command at once`,
);
const summary: string[] = [];
for (const w of WORKLOADS) {
  if (only && !only.has(w.name)) continue;
  const file = join(here, "workloads", `${w.file}.ts`);
  const ts: Figures[] = [];
  const py: Figures[] = [];
  for (let i = 0; i < runs; i++) {
    noteLoad();
    ts.push(await runWorkload(process.execPath, [CLI, file], w.env));
    if (python) py.push(await runWorkload(python, [join(here, "workloads", "vclock_runner.py"), join(here, "workloads", `${w.file}.py`)], w.env));
  }
  const tsRates = ts.map((f) => f.steps / f.seconds);
  console.log(`\n${w.name}: ${w.label}`);
  console.log(
    `  runtime  ${fmt(median(tsRates)).padStart(11)} steps/s (${range(tsRates, fmt)})   ${median(ts.map((f) => f.seconds)).toFixed(3)} s   peak ${mb(median(ts.map((f) => f.peakKB)))} (${range(ts.map((f) => f.peakKB), mb)})`,
  );
  if (py.length > 0) {
    const pyRates = py.map((f) => f.steps / f.seconds);
    // Ratios run by run (each runtime run against the CPython run beside it), then their median.
    const ratios = ts.map((f, i) => f.steps / f.seconds / (py[i]!.steps / py[i]!.seconds));
    const mems = ts.map((f, i) => f.peakKB / py[i]!.peakKB);
    console.log(
      `  CPython  ${fmt(median(pyRates)).padStart(11)} steps/s (${range(pyRates, fmt)})   ${median(py.map((f) => f.seconds)).toFixed(3)} s   peak ${mb(median(py.map((f) => f.peakKB)))} (${range(py.map((f) => f.peakKB), mb)})`,
    );
    console.log(
      `  ratio    ${median(ratios).toFixed(2)}x CPython's steps/s (${range(ratios, (n) => n.toFixed(2))}), ` +
        `memory ${median(mems).toFixed(2)}x CPython's (${range(mems, (n) => n.toFixed(2))})`,
    );
    summary.push(`| ${w.name} | ${median(ratios).toFixed(2)}x (${range(ratios, (n) => n.toFixed(2))}) | ${median(mems).toFixed(2)}x (${range(mems, (n) => n.toFixed(2))}) |`);
  }
  if (viaNpm && w.name === "awaited") {
    const npm: Figures[] = [];
    for (let i = 0; i < runs; i++) npm.push(await runWorkload("npm", ["run", "--silent", "example", "--", file]));
    console.log(`  through npm run --silent example (npm's own process included): peak ${mb(median(npm.map((f) => f.peakKB)))} (${range(npm.map((f) => f.peakKB), mb)})`);
  }
}

if (!only || only.has("startup")) {
  // Start to exit of a small program: what each run of the test suite pays.
  const ts: Measured[] = [];
  const py: Measured[] = [];
  for (let i = 0; i < runs * 2; i++) {
    noteLoad();
    ts.push(check(await measure(process.execPath, [CLI, join(here, "workloads", "hello.ts")], {}, root), "the CLI"));
    if (python) py.push(check(await measure(python, [join(here, "workloads", "hello.py")], {}, root), "CPython"));
  }
  const ms = (xs: Measured[]) => xs.map((m) => m.wallMs);
  const cpu = (xs: Measured[]) => xs.map((m) => (m.cpuSeconds ?? NaN) * 1000);
  const line = (name: string, xs: Measured[]) =>
    `  ${name}  ${median(ms(xs)).toFixed(0)} ms wall (${range(ms(xs), (n) => n.toFixed(0))}), ` +
    `${median(cpu(xs)).toFixed(0)} ms CPU (${range(cpu(xs), (n) => n.toFixed(0))}), peak ${mb(median(xs.map((m) => m.peakKB)))}`;
  console.log(`\nstartup: bench/workloads/hello.ts, start to exit (${runs * 2} interleaved runs)`);
  console.log(line("runtime", ts));
  if (py.length > 0) {
    console.log(line("CPython", py));
    const ratios = ts.map((m, i) => m.wallMs / py[i]!.wallMs);
    console.log(`  ratio    ${median(ratios).toFixed(2)}x CPython's wall time (${range(ratios, (n) => n.toFixed(2))})`);
  }
}

if (summary.length > 0) {
  console.log("\n| workload | steps/s vs CPython 3.13 (range) | peak memory vs CPython (range) |\n| --- | --- | --- |");
  for (const row of summary) console.log(row);
}
console.log(`\n(load average during the runs: ${range(loads, (n) => n.toFixed(1))}, median ${median(loads).toFixed(1)}, on ${cpus().length} cores)`);
