/**
 * Runs a command as a user would, and measures what it costs the machine: wall time, CPU time
 * (user + system, through /usr/bin/time where it exists) and peak memory.
 *
 * Peak memory is what is resident *at once*: the command's process tree (a process that
 * bundles, esbuild's service process beside it, the process that then runs the program) is
 * sampled every few milliseconds and the resident sizes of its processes are summed; the
 * figure is the larger of that sum and the largest maxRSS the kernel reports for the process
 * (which covers a peak between two samples; after an execve it covers both images). Summing
 * resident sizes counts pages that processes share twice, so the figure errs high, never low.
 * Sampling reads /proc (Linux); elsewhere only the kernel's maxRSS is reported.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Measured {
  status: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** User + system CPU seconds of the whole tree, or null without /usr/bin/time. */
  cpuSeconds: number | null;
  /** Peak of the tree's resident memory at once, KB. */
  peakKB: number;
}

const TIME = "/usr/bin/time";
const hasProc = existsSync("/proc/self/status");
const PAGE_KB = 4;

/** The process and its descendants (Linux: /proc/PID/task/TID/children). */
function tree(pid: number, out: number[] = []): number[] {
  out.push(pid);
  let tids: string[];
  try {
    tids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/);
  } catch {
    return out;
  }
  for (const c of tids) if (c !== "") tree(Number(c), out);
  return out;
}

function residentKB(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_KB;
  } catch {
    return 0;
  }
}

export function measure(command: string, argv: string[], env: Record<string, string> = {}, cwd?: string): Promise<Measured> {
  const useTime = existsSync(TIME);
  const dir = mkdtempSync(join(tmpdir(), "bench-measure-"));
  const timeFile = join(dir, "time");
  const [cmd, args] = useTime ? [TIME, ["-o", timeFile, "-f", "%U %S %M", command, ...argv]] : [command, argv];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    let peak = 0;
    const sample = () => {
      if (!hasProc || child.pid === undefined) return;
      // Under /usr/bin/time the command is its child: time's own few hundred KB are left out.
      const pids = tree(child.pid).slice(useTime ? 1 : 0);
      let sum = 0;
      for (const pid of pids) sum += residentKB(pid);
      peak = Math.max(peak, sum);
    };
    const timer = setInterval(sample, 3);
    child.on("error", reject);
    child.on("close", (status) => {
      clearInterval(timer);
      const wallMs = performance.now() - t0;
      let cpuSeconds: number | null = null;
      let maxKB = 0;
      if (useTime && existsSync(timeFile)) {
        const [u, s, m] = readFileSync(timeFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
        cpuSeconds = u! + s!;
        maxKB = m!;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ status, stdout, stderr, wallMs, cpuSeconds, peakKB: Math.max(peak, maxKB) });
    });
  });
}
