// 100,000 tasks each doing 10 sleep(0), each awaited in turn.
import asyncio from "asyncio";
import { report } from "./report.ts";

const N = 100_000;
const K = 10;

function* worker() {
  for (let i = 0; i < K; i++) yield* asyncio.sleep(0);
}

function* main() {
  const tasks: asyncio.Task[] = [];
  for (let i = 0; i < N; i++) tasks.push(asyncio.create_task(worker()));
  for (const t of tasks) yield* t;
}

const t0 = performance.now();
await asyncio.run(main());
// Task steps: each worker runs K + 1 steps (main's few are not counted).
report(t0, N * (K + 1));
