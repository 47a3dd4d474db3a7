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

describe("PriorityQueue and LifoQueue", () => {
  it("PriorityQueue gives the lowest item first, arrays compared as tuples", () => {
    const q = new asyncio.PriorityQueue<[number, string]>();
    for (const item of [[2, "b"], [1, "z"], [2, "a"], [0, "q"]] as [number, string][]) q.put_nowait(item);
    expect([0, 1, 2, 3].map(() => q.get_nowait())).toEqual([[0, "q"], [1, "z"], [2, "a"], [2, "b"]]);
  });

  it("PriorityQueue: items that do not compare are CPython's TypeError, the item stays", () => {
    const q = new asyncio.PriorityQueue<unknown>();
    q.put_nowait(1);
    expect(() => q.put_nowait("one")).toThrow(new asyncio.TypeError("'<' not supported between instances of 'str' and 'int'"));
    expect(q.qsize()).toBe(2);
    expect(asyncio.str(q)).toBe("<PriorityQueue maxsize=0 _queue=[1, 'one'] tasks=1>");
  });

  it("LifoQueue gives the last item first; reprs name the class", () => {
    const q = new asyncio.LifoQueue<number>();
    for (let i = 0; i < 3; i++) q.put_nowait(i);
    expect(asyncio.repr(q)).toMatch(/^<LifoQueue at 0x[0-9a-f]+ maxsize=0 _queue=\[0, 1, 2\] tasks=3>$/);
    expect([q.get_nowait(), q.get_nowait(), q.get_nowait()]).toEqual([2, 1, 0]);
  });
});

describe("Queue.shutdown (3.13)", () => {
  it("put() fails at once; get() drains, then fails; waiting getters are woken to fail", async () => {
    const log: string[] = [];
    await asyncio.run(
      (function* () {
        const q = new asyncio.Queue<number>();
        function* getter(name: string) {
          try {
            log.push(`${name} got ${yield* q.get()}`);
          } catch (e) {
            log.push(`${name} ${asyncio.repr(e)}`);
          }
        }
        const waiting = asyncio.create_task(getter("w"));
        yield* asyncio.sleep(0);
        q.shutdown();
        yield* waiting;
        expect(() => q.put_nowait(1)).toThrow(asyncio.QueueShutDown);
        expect(asyncio.str(q)).toBe("<Queue maxsize=0 shutdown>");
        const q2 = new asyncio.Queue<number>();
        q2.put_nowait(5);
        q2.shutdown(false);
        log.push(`drained ${q2.get_nowait()}`);
        expect(() => q2.get_nowait()).toThrow(asyncio.QueueShutDown);
      })(),
    );
    expect(log).toEqual(["w QueueShutDown()", "drained 5"]);
  });

  it("shutdown(true) drops the items, counts them done (join returns) and fails get at once", async () => {
    await asyncio.run(
      (function* () {
        const q = new asyncio.Queue<number>();
        q.put_nowait(1);
        q.put_nowait(2);
        const joiner = asyncio.create_task(q.join());
        yield* asyncio.sleep(0);
        expect(joiner.done()).toBe(false);
        q.shutdown(true);
        yield* joiner;
        expect(q.qsize()).toBe(0);
        expect(() => q.get_nowait()).toThrow(asyncio.QueueShutDown);
        expect(new asyncio.QueueShutDown()).toBeInstanceOf(asyncio.Exception);
      })(),
    );
  });
});
