import { beforeEach, describe, expect, it } from "vitest";
import * as asyncio from "../../src/asyncio/index.ts";
import { capture } from "./helpers.ts";

beforeEach(() => {
  capture();
});

describe("Queue", () => {
  it("is FIFO; the _nowait forms raise QueueEmpty / QueueFull", () => {
    const q = new asyncio.Queue<number>(2);
    expect(q.empty()).toBe(true);
    expect(() => q.get_nowait()).toThrow(asyncio.QueueEmpty);
    q.put_nowait(1);
    q.put_nowait(2);
    expect(q.full()).toBe(true);
    expect(q.qsize()).toBe(2);
    expect(() => q.put_nowait(3)).toThrow(asyncio.QueueFull);
    expect(q.get_nowait()).toBe(1);
    expect(q.get_nowait()).toBe(2);
  });

  it("get() waits for a put, put() waits for room", async () => {
    const log: string[] = [];
    function* producer(q: asyncio.Queue<number>) {
      for (let i = 0; i < 4; i++) {
        yield* q.put(i);
        log.push(`put ${i}`);
      }
    }
    function* consumer(q: asyncio.Queue<number>) {
      for (let i = 0; i < 4; i++) {
        yield* asyncio.sleep(1);
        log.push(`got ${yield* q.get()}`);
      }
    }
    await asyncio.run(
      (function* () {
        const q = new asyncio.Queue<number>(1);
        yield* asyncio.gather(producer(q), consumer(q));
      })(),
    );
    expect(log).toEqual(["put 0", "got 0", "put 1", "got 1", "put 2", "got 2", "put 3", "got 3"]);
  });

  it("join() waits until task_done() was called for every item", async () => {
    const out = await asyncio.run(
      (function* () {
        const q = new asyncio.Queue<string>();
        q.put_nowait("a");
        q.put_nowait("b");
        const loop = asyncio.get_running_loop();
        const t0 = loop.time();
        function* worker() {
          for (;;) {
            yield* q.get();
            yield* asyncio.sleep(2);
            q.task_done();
          }
        }
        const w = asyncio.create_task(worker());
        yield* q.join();
        w.cancel();
        expect(() => q.task_done()).toThrow("task_done() called too many times");
        return loop.time() - t0;
      })(),
    );
    expect(out).toBe(4);
  });
});
