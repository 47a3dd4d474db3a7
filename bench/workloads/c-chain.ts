// (c) a chain of 1,000 nested awaits; the innermost coroutine yields to the loop 1,000 times.
import asyncio from "asyncio";

const DEPTH = 1000;
const K = 1000;

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
const seconds = (performance.now() - t0) / 1000;
(globalThis as { __bench__?: unknown }).__bench__ = { seconds, steps: K + 1 };
