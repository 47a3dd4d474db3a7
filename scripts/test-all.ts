/**
 * `npm test`: every test of the project, in the order that needs the least waiting.
 *
 * 1. Node tests (runtime units, example parity, fuzz regressions, life-cycle model): no
 *    browser, no build; and, at the same time,
 * 2. `astro build` (the same build `npm start` serves).
 * 3. Site and browser tests against dist/ in Chromium, one file at a time (the machines have
 *    two cores; parallel browsers make timings noisy and tests flaky).
 *
 * Ends with one line `N passed, N failed` over all stages; exits non-zero if anything failed.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
}

const work = mkdtempSync(join(tmpdir(), "test-all-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

/** Test folders that exist and hold at least one test file. */
function present(dirs: string[]): string[] {
  return dirs.filter(
    (d) => existsSync(d) && readdirSync(d, { recursive: true }).some((f) => String(f).endsWith(".test.ts")),
  );
}

function vitest(stage: string, dirs: string[], extra: string[] = []): void {
  const folders = present(dirs);
  if (folders.length === 0) {
    console.log(`\n== ${stage}: no test files`);
    return;
  }
  console.log(`\n== ${stage}: ${folders.join(" ")}`);
  const report = join(work, `${stage.replace(/\W+/g, "-")}.json`);
  const r = spawnSync(
    "npx",
    ["vitest", "run", ...folders, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra],
    { stdio: "inherit" },
  );
  if (!existsSync(report)) {
    console.log(`${stage}: vitest wrote no report (exit ${r.status})`);
    totals.failed++;
    ok = false;
    return;
  }
  const json = JSON.parse(readFileSync(report, "utf8")) as VitestJson;
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests;
  totals.skipped += json.numPendingTests + json.numTodoTests;
  if (r.status !== 0 || !json.success) ok = false;
}

interface RunningBuild {
  done: Promise<number | null>;
}

function startBuild(log: string): RunningBuild {
  const out = openSync(log, "w");
  const child = spawn("npm", ["run", "--silent", "build"], { stdio: ["ignore", out, out] });
  return {
    done: new Promise((resolve) => {
      child.on("error", () => resolve(null));
      child.on("exit", (code) => resolve(code));
    }),
  };
}

async function finishBuild(build: RunningBuild, log: string): Promise<boolean> {
  const status = await build.done;
  console.log(`\n== build: npm run --silent build (started with the Node tests)`);
  process.stdout.write(readFileSync(log, "utf8"));
  if (status !== 0) {
    console.log(`build failed (exit ${status})`);
    totals.failed++;
    ok = false;
    return false;
  }
  return true;
}

// Every folder of tests/ runs in the node stage except the browser ones, so a new folder of unit
// tests cannot be left out by forgetting to list it here.
const browserDirs = ["tests/site", "tests/e2e"];
const nodeDirs = readdirSync("tests", { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "support")
  .map((d) => `tests/${d.name}`)
  .filter((d) => !browserDirs.includes(d))
  .sort();
// The build runs while the Node tests do (no Node test reads dist/, and the two together
// keep both cores busy); its output is shown after theirs, so the two do not interleave.
const buildLog = join(work, "build.log");
const build = startBuild(buildLog);
vitest("node", nodeDirs);
if (await finishBuild(build, buildLog)) {
  vitest("browser", browserDirs, ["--no-file-parallelism"]);
}

console.log(
  `\n${totals.passed} passed, ${totals.failed} failed` + (totals.skipped ? `, ${totals.skipped} skipped` : ""),
);
process.exit(ok && totals.failed === 0 ? 0 : 1);
