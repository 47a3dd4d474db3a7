// 10,000 tasks sleeping random virtual durations (10 sleeps each, a fixed pseudo-random sequence).
import asyncio from "asyncio";
import { report } from "./report.ts";

const N = 10_000;
const K = 10;
let seed = 12345;
function random(): number {
  // The same linear congruential generator as the Python twin, so both sleep the same amounts.
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

function* sleeper(delays: number[]) {
  for (const d of delays) yield* asyncio.sleep(d);
}

function* main() {
  const tasks: asyncio.Task[] = [];
  for (let i = 0; i < N; i++) {
    const delays: number[] = [];
    for (let k = 0; k < K; k++) delays.push(Math.floor(random() * 1000) / 1000 + 0.001);
    tasks.push(asyncio.create_task(sleeper(delays)));
  }
  yield* asyncio.gather(...tasks);
}

const t0 = performance.now();
await asyncio.run(main());
report(t0, N * (K + 1) + 2);
