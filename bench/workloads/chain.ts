// A chain of DEPTH nested awaits (BENCH_DEPTH, default 500); the innermost coroutine does
// 20,000 sleep(0) at its end.
import asyncio from "asyncio";
import { report } from "./report.ts";

declare const process: { env: Record<string, string | undefined> };
const DEPTH = Number(process.env.BENCH_DEPTH ?? 500);
const K = 20_000;

function* innermost(): Generator<unknown, number, unknown> {
  for (let i = 0; i < K; i++) yield* asyncio.sleep(0);
  return 0;
}

function* nested(n: number): Generator<unknown, number, unknown> {
  if (n === 0) return yield* innermost();
  return (yield* nested(n - 1)) + 1;
}

function* main() {
  return yield* nested(DEPTH);
}

const t0 = performance.now();
await asyncio.run(main());
report(t0, K + 1);
