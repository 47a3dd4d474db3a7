// The figures a workload reports on its last line of standard output, for bench/run.ts.
declare const process: { resourceUsage(): { maxRSS: number }; stdout: { write(s: string): void } };

export function report(t0: number, steps: number): void {
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ seconds, steps, peakKB: process.resourceUsage().maxRSS }) + "\n");
}
