// Random, well-formed asyncio programs, each printed twice: as Python for CPython 3.13 and as
// TypeScript for our runtime (runtime-api.md). A program is first built as a small
// description (the `Program` tree below) from a seeded PRNG, so the same seed gives the same
// pair, and the shrinker can delete parts of the description and print it again.
//
// What makes the programs comparable at all:
// - they terminate: coroutines are straight-line code (no loops), a task's coroutine may
//   only reference objects created before the task (so awaits form a DAG), and every
//   future gets a resolver timer when it is created;
// - they are deterministic in CPython: delays are multiples of 1/8 s (sums stay exact in
//   binary floating point whatever the clock's origin), loop.time() is only printed as a
//   rounded difference, sets are printed sorted, and main ends by gathering every object it
//   made (return_exceptions=True) and then every task still alive, so that asyncio.run's
//   shutdown (which cancels leftovers in set order) has nothing to cancel and no exception
//   is left unretrieved (CPython logs those when the object is garbage-collected);
// - the reference run uses fuzz/pyvclock.py, CPython on a virtual clock whose equal
//   deadlines fire in scheduling order, as on our runtime's virtual clock.
// Coroutine functions and callbacks are module-level, since their names appear in reprs.

// ---------------------------------------------------------------- PRNG

/** sfc32: small, fast, good enough for fuzzing, and the same in every JavaScript engine. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const a = this.a, b = this.b, c = this.c, d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = ((c << 21) | (c >>> 11)) + t | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries[entries.length - 1][0];
  }
}

/** The seed of program number `index` of a run seeded with `seed` (a 32-bit mix). */
export function programSeed(seed: number, index: number): number {
  let h = (seed ^ 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (index + 0x27d4eb2f), 0x9e3779b1) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

// ---------------------------------------------------------------- the description

export type Value =
  | { t: "int"; v: number }
  | { t: "str"; v: string }
  | { t: "none" }
  | { t: "list"; v: number[] };

export type ExcClass = "ValueError" | "RuntimeError" | "KeyError" | "TypeError" | "AppError" | "CancelledError";
export interface ExcSpec {
  cls: ExcClass;
  /** null: raised without arguments (`ValueError()`). */
  msg: string | null;
}

export type CreateHow = "create_task" | "ensure_future" | "loop.create_task" | "eager";
export interface TaskObj {
  kind: "task";
  id: number;
  how: CreateHow;
  /** A string, a number (stored as str(number); the TypeScript twin passes the string, as the declarations ask), or null for the default Task-N. */
  name: string | number | null;
  coro: number;
}
export interface FutureObj {
  kind: "future";
  id: number;
  /** Always scheduled, so that whoever awaits the future is eventually woken. */
  resolver: {
    via: "call_soon" | "call_later";
    units: number;
    action: "resolve" | "reject" | "revoke";
    value: Value;
    msg: string | null;
  };
}
/** `gN = asyncio.gather(...)`, kept to be awaited, cancelled or inspected later. */
export interface GatherObj {
  kind: "gather";
  id: number;
  targets: Target[];
  retex: boolean;
}
/** `sN = asyncio.shield(...)`: the outer future (or the target itself when it is already done). */
export interface ShieldObj {
  kind: "shield";
  id: number;
  target: Target;
}
/** `eN = asyncio.Event()`, set by a timer (`fire`) that is scheduled with it. */
export interface EventObj {
  kind: "event";
  id: number;
  units: number;
}
/** `kN = asyncio.Lock()` and its kin: used in `async with kN:` blocks. */
export type SyncClass = "Lock" | "Condition" | "Semaphore" | "BoundedSemaphore";
export interface SyncObj {
  kind: "sync";
  id: number;
  cls: SyncClass;
  /** A semaphore's initial value. */
  value: number;
}
export type QueueClass = "Queue" | "PriorityQueue" | "LifoQueue";
/** `qN = asyncio.Queue(maxsize)` (or a PriorityQueue, a LifoQueue). */
export interface QueueObj {
  kind: "queue";
  id: number;
  cls: QueueClass;
  maxsize: number;
}
/** `bN = asyncio.Barrier(parties)`. */
export interface BarrierObj {
  kind: "barrier";
  id: number;
  parties: number;
}
export type Obj = TaskObj | FutureObj | GatherObj | ShieldObj | EventObj | SyncObj | QueueObj | BarrierObj;
/** The objects that are not awaitable (used through their own statements). */
export const TOOL_KINDS = new Set<Obj["kind"]>(["event", "sync", "queue", "barrier"]);

export interface CoroDef {
  id: number;
  name: string;
  body: Stmt[];
}

export type Target = { obj: number } | { coro: number };
export type InspectKind =
  | "done" | "cancelled" | "repr" | "state" | "result" | "exception"
  | "cancelling" | "name" | "waiter";
export type SelfOp = "cancel" | "uncancel" | "cancelling" | "repr";
export type CallbackKind = "show" | "outcome" | "broken";
export type ReturnWhen = "FIRST_COMPLETED" | "FIRST_EXCEPTION" | "ALL_COMPLETED";
export type OnCancel = "reraise" | "swallow" | "uncancel" | "other" | "return";
export type OnExc = "reraise" | "swallow" | "other";

export type Stmt =
  | { k: "create"; obj: number }
  /** `await asyncio.sleep(d)`, or with a result that is printed. */
  | { k: "sleep"; units: number; result?: Value }
  | { k: "say"; text: string }
  | { k: "await"; target: Target; guard: boolean }
  | { k: "gather"; targets: Target[]; retex: boolean; guard: boolean }
  | { k: "wait"; targets: number[]; when: ReturnWhen; timeout: number | null; guard: boolean }
  | { k: "wait_for"; target: Target; timeout: number | null; guard: boolean }
  | { k: "shield"; target: Target; guard: boolean }
  | { k: "cancel"; obj: number; msg: string | null }
  | { k: "uncancel"; obj: number }
  | { k: "inspect"; obj: number; what: InspectKind }
  | { k: "self"; op: SelfOp; msg: string | null }
  | { k: "add_cb"; obj: number; cb: CallbackKind }
  | { k: "remove_cb"; obj: number; cb: CallbackKind }
  | { k: "set"; obj: number; action: "result" | "exception"; value: Value }
  | { k: "raise"; exc: ExcSpec }
  | { k: "return"; value: Value }
  | { k: "try"; body: Stmt[]; onCancel: OnCancel | null; onExc: OnExc | null; fin: boolean; plain?: boolean }
  | { k: "elapsed" }
  | { k: "all_tasks" }
  | { k: "call"; via: "call_soon" | "call_later"; units: number; text: string }
  | { k: "rename"; obj: number; name: string }
  /** A task nobody keeps: `asyncio.create_task(subN(...))`. If it fails, CPython reports
   *  "Task exception was never retrieved" as soon as it is freed. */
  | { k: "spawn"; coro: number }
  /** `async with asyncio.timeout(d):` around a body (no return inside: the TypeScript body is a closure). */
  | { k: "timeout"; units: number; body: Stmt[]; guard: boolean }
  | { k: "event"; obj: number; op: "wait" | "set" | "clear" | "is_set"; guard: boolean }
  /** `async with kN:` (a Lock, Condition or semaphore) around a body; never nested. */
  | { k: "with"; obj: number; body: Stmt[]; guard: boolean }
  /** A primitive's own operation; blocking ones are bounded by wait_for(..., units). */
  | { k: "tool"; obj: number; op: ToolOp; units: number; value: Value | null; n: number; guard: boolean }
  /** `async with asyncio.TaskGroup() as tg:` with children `tg.create_task(subN(...))` and a body. */
  | { k: "group"; children: number[]; body: Stmt[]; guard: boolean };

export type ToolOp =
  // Lock, Condition, Semaphore, BoundedSemaphore
  | "locked" | "release" | "repr"
  // Condition (each in its own `async with c:`)
  | "cond_wait" | "cond_wait_for" | "notify" | "notify_all"
  // Queue and its kin
  | "put" | "put_nowait" | "get" | "get_nowait" | "task_done" | "join" | "qsize" | "str" | "shutdown"
  // Barrier
  | "bwait" | "reset" | "abort" | "n_waiting";

export interface Program {
  seed: number;
  objects: Obj[];
  coros: CoroDef[];
  main: Stmt[];
  /** How the program ends: main returns a value, returns None, or raises (exit status 1). */
  ending: { kind: "return"; value: Value; printRun: boolean } | { kind: "raise"; exc: ExcSpec };
  /**
   * A task main starts last and leaves running, so that asyncio.run's shutdown cancels it
   * (one leftover only: CPython cancels leftovers in set order). What it does with the
   * CancelledError: re-raise, fail (logged as "unhandled exception during asyncio.run()
   * shutdown"), or swallow it and return.
   */
  background: "reraise" | "fail" | "swallow" | null;
  /** The loop's task factory, set first thing in main: eager tasks for every create_task. */
  eager?: "factory" | "custom" | null;
}

/** The length of one delay unit, in seconds: a power of two keeps sums exact. */
export const UNIT = 1 / 8;
/** A sleep this long (in units) stands for "blocked until cancelled". */
export const LONG = 8 * 3600;

// ---------------------------------------------------------------- generation

interface Scope {
  /** Objects this code may reference (awaitable ones). */
  visible: number[];
  /** Events this code may use. */
  events?: number[];
  /** Inside an `async with` body: no return statements. */
  noReturn?: boolean;
  /** Runs in a task of its own (not main's): may cancel itself. */
  ownTask: boolean;
  depth: number;
  /** Locks, conditions, semaphores, queues and barriers this code may use. */
  tools?: number[];
  /** Inside an `async with` of a primitive: no other (no lock cycles, no self-deadlock). */
  inWith?: boolean;
}

class Generator {
  readonly rng: Rng;
  readonly prog: Program;
  private sayCount = 0;

  constructor(seed: number) {
    this.rng = new Rng(seed);
    this.prog = {
      seed,
      objects: [],
      coros: [],
      main: [],
      ending: { kind: "return", value: { t: "none" }, printRun: false },
      background: null,
    };
  }

  private value(): Value {
    const r = this.rng;
    switch (r.weighted({ int: 4, str: 3, none: 1, list: 1, long: 1 })) {
      case "int": return { t: "int", v: r.int(0, 99) };
      case "str": return { t: "str", v: r.pick(["ok", "done", "value", "r", "x y"]) + r.int(1, 9) };
      case "none": return { t: "none" };
      case "list": return { t: "list", v: Array.from({ length: r.int(0, 8) }, (_, i) => i * r.int(1, 3)) };
      default: return { t: "str", v: "a rather long result string number " + r.int(10, 99) };
    }
  }

  private exc(cancelled = false): ExcSpec {
    const r = this.rng;
    const cls = r.weighted<ExcClass>({
      ValueError: 4, RuntimeError: 2, KeyError: 1, TypeError: 1, AppError: 1, CancelledError: cancelled ? 0.6 : 0,
    });
    return { cls, msg: r.chance(0.1) ? null : r.pick(["bad", "boom", "failed", "no", "oops"]) + r.int(1, 9) };
  }

  private msg(): string | null {
    return this.rng.chance(0.5) ? null : this.rng.pick(["stop", "enough", "bye", "halt"]) + this.rng.int(1, 9);
  }

  private units(): number {
    const r = this.rng;
    switch (r.weighted({ zero: 3, small: 6, long: 1.6 })) {
      case "zero": return 0;
      case "small": return r.int(1, 6);
      default: return LONG;
    }
  }

  private tasksIn(ids: number[]): number[] {
    return ids.filter((id) => this.prog.objects[id - 1].kind === "task");
  }

  private futuresIn(ids: number[]): number[] {
    return ids.filter((id) => this.prog.objects[id - 1].kind === "future");
  }

  private newCoro(prefix: string, scope: Scope): number {
    const id = this.prog.coros.length + 1;
    const def: CoroDef = { id, name: `${prefix}${id}`, body: [] };
    this.prog.coros.push(def);
    def.body = this.body(scope, this.rng.int(1, scope.depth === 0 ? 6 : 3), true);
    return id;
  }

  /** A fresh coroutine call (a leaf) or a visible object. */
  private target(scope: Scope, allowCoro: boolean): Target | null {
    if (allowCoro && scope.depth < 2 && (scope.visible.length === 0 || this.rng.chance(0.35))) {
      // Awaited from main directly, a leaf runs in main's task; elsewhere (gather, shield) in
      // one of its own, but keep it simple: leaves never cancel themselves.
      const sub: Scope = { visible: scope.visible, events: scope.events, tools: scope.tools, ownTask: false, depth: scope.depth + 1 };
      return { coro: this.newCoro("sub", sub) };
    }
    if (scope.visible.length === 0) return null;
    return { obj: this.rng.pick(scope.visible) };
  }

  /** One statement for a coroutine body or for main. */
  private stmt(scope: Scope, inCoro: boolean): Stmt | null {
    const r = this.rng;
    const vis = scope.visible;
    const tasks = this.tasksIn(vis);
    const futs = this.futuresIn(vis);
    const guard = !inCoro || r.chance(0.5);
    const kind = r.weighted({
      sleep: 5,
      say: 1,
      await: vis.length ? 4 : 1,
      gather: 2,
      wait: tasks.length ? 1.5 : 0,
      wait_for: 2,
      shield: 1,
      cancel: vis.length ? 3 : 0,
      uncancel: tasks.length ? 0.7 : 0,
      inspect: vis.length ? 3 : 0,
      self: inCoro && scope.ownTask ? 1.5 : 0,
      add_cb: vis.length ? 1.2 : 0,
      remove_cb: vis.length ? 0.4 : 0,
      set: futs.length ? 1 : 0,
      try: inCoro && scope.depth < 2 ? 3 : 0,
      elapsed: 0.6,
      all_tasks: 0.4,
      call: 1,
      rename: tasks.length ? 0.3 : 0,
      spawn: scope.depth < 2 ? 0.5 : 0,
      timeout: scope.depth < 2 ? 1 : 0,
      event: scope.events?.length ? 1.5 : 0,
      with: scope.tools?.some((id) => this.prog.objects[id - 1].kind === "sync") && !scope.inWith && scope.depth < 2 ? 1.5 : 0,
      tool: scope.tools?.length && !scope.inWith ? 3 : 0,
      group: scope.depth < 2 ? 1 : 0,
    });
    switch (kind) {
      case "sleep":
        return r.chance(0.12) ? { k: "sleep", units: this.units(), result: this.value() } : { k: "sleep", units: this.units() };
      case "say":
        return { k: "say", text: `step ${++this.sayCount}` };
      case "await": {
        const target = this.target(scope, true);
        return target && { k: "await", target, guard };
      }
      case "gather": {
        const n = r.int(0, 3);
        const targets: Target[] = [];
        const sub: Scope = { ...scope, ownTask: true };
        for (let i = 0; i < n; i++) {
          // gather wraps coroutines in tasks of their own
          const t = this.target(sub, true);
          if (t) targets.push(t);
        }
        return { k: "gather", targets, retex: r.chance(0.5), guard };
      }
      case "wait": {
        const n = r.int(1, Math.min(3, tasks.length));
        const targets = Array.from({ length: n }, () => r.pick(r.chance(0.8) ? tasks : vis));
        const when = r.weighted<ReturnWhen>({ FIRST_COMPLETED: 2, FIRST_EXCEPTION: 1, ALL_COMPLETED: 1 });
        return { k: "wait", targets, when, timeout: r.chance(0.4) ? r.int(0, 6) : null, guard };
      }
      case "wait_for": {
        const target = this.target(scope, true);
        const timeout = r.chance(0.15) ? null : r.int(0, 6);
        return target && { k: "wait_for", target, timeout, guard };
      }
      case "shield": {
        const target = this.target({ ...scope, ownTask: true }, true);
        return target && { k: "shield", target, guard };
      }
      case "cancel":
        return { k: "cancel", obj: r.pick(vis), msg: this.msg() };
      case "uncancel":
        return { k: "uncancel", obj: r.pick(tasks) };
      case "inspect": {
        const obj = r.pick(vis);
        const isTask = this.prog.objects[obj - 1].kind === "task";
        const what = r.weighted<InspectKind>({
          done: 2, cancelled: 2, repr: 4, state: 1, result: 2, exception: 2,
          cancelling: isTask ? 1.5 : 0, name: isTask ? 0.5 : 0, waiter: isTask ? 1 : 0,
        });
        return { k: "inspect", obj, what };
      }
      case "self":
        return { k: "self", op: r.weighted<SelfOp>({ cancel: 3, uncancel: 1, cancelling: 1, repr: 2 }), msg: this.msg() };
      case "add_cb":
        return { k: "add_cb", obj: r.pick(vis), cb: r.weighted<CallbackKind>({ show: 3, outcome: 3, broken: 1 }) };
      case "remove_cb":
        return { k: "remove_cb", obj: r.pick(vis), cb: r.weighted<CallbackKind>({ show: 1, outcome: 1 }) };
      case "set":
        return {
          k: "set",
          obj: r.chance(0.9) ? r.pick(futs) : r.pick(vis),
          action: r.chance(0.7) ? "result" : "exception",
          value: this.value(),
        };
      case "try": {
        const inner: Scope = { ...scope, depth: scope.depth + 1 };
        const body = this.body(inner, r.int(1, 3), false);
        let onCancel: OnCancel | null = r.chance(0.75)
          ? r.weighted<OnCancel>({ reraise: 3, swallow: 3, uncancel: scope.ownTask ? 2 : 0, other: 1, return: 1 })
          : null;
        const onExc: OnExc | null = r.chance(0.6) ? r.weighted<OnExc>({ reraise: 1, swallow: 2, other: 1 }) : null;
        const fin = r.chance(0.3) || (onCancel === null && onExc === null);
        if (onCancel === "uncancel" && !scope.ownTask) onCancel = "swallow";
        if (onCancel === "return" && scope.noReturn) onCancel = "swallow";
        return { k: "try", body, onCancel, onExc, fin, plain: r.chance(0.3) };
      }
      case "elapsed":
        return { k: "elapsed" };
      case "call":
        return {
          k: "call",
          via: r.chance(0.6) ? "call_soon" : "call_later",
          units: r.int(0, 4),
          text: `note ${++this.sayCount}`,
        };
      case "rename":
        return { k: "rename", obj: r.pick(tasks), name: `renamed${++this.sayCount}` };
      case "timeout": {
        const inner: Scope = { ...scope, depth: scope.depth + 1, noReturn: true };
        const body = this.body(inner, r.int(1, 3), false);
        return { k: "timeout", units: r.weighted({ zero: 1, small: 5, none: 1 }) === "small" ? r.int(1, 6) : r.chance(0.5) ? 0 : -1, body, guard };
      }
      case "event":
        return {
          k: "event",
          obj: r.pick(scope.events!),
          op: r.weighted({ wait: 4, set: 1.5, clear: 0.3, is_set: 1.5 }),
          guard,
        };
      case "spawn": {
        const sub: Scope = { visible: scope.visible, events: scope.events, tools: scope.tools, ownTask: true, depth: scope.depth + 1 };
        return { k: "spawn", coro: this.newCoro("sub", sub) };
      }
      case "with": {
        const obj = r.pick(scope.tools!.filter((id) => this.prog.objects[id - 1].kind === "sync"));
        const inner: Scope = { ...scope, depth: scope.depth + 1, noReturn: true, inWith: true };
        return { k: "with", obj, body: this.body(inner, r.int(1, 3), false), guard };
      }
      case "tool":
        return this.toolStmt(r.pick(scope.tools!), guard);
      case "group": {
        const n = r.int(0, 3);
        const children: number[] = [];
        for (let i = 0; i < n; i++) {
          const sub: Scope = { visible: scope.visible, events: scope.events, tools: scope.tools, ownTask: true, depth: scope.depth + 1 };
          children.push(this.newCoro("sub", sub));
        }
        const inner: Scope = { ...scope, depth: scope.depth + 1, noReturn: true };
        return { k: "group", children, body: this.body(inner, r.int(0, 2), false), guard };
      }
      default:
        return { k: "all_tasks" };
    }
  }

  /** Pushes s, and after a cancel() often a look at the object: its state right after the request is where implementations differ. */
  private push(out: Stmt[], s: Stmt | null): void {
    if (!s) return;
    out.push(s);
    if (s.k === "cancel" && this.rng.chance(0.45)) {
      const isTask = this.prog.objects[s.obj - 1].kind === "task";
      const what = this.rng.weighted<InspectKind>({ repr: 3, cancelling: isTask ? 2 : 0, cancelled: 1, waiter: isTask ? 1 : 0 });
      out.push({ k: "inspect", obj: s.obj, what });
    }
  }

  private body(scope: Scope, n: number, top: boolean): Stmt[] {
    const out: Stmt[] = [];
    for (let i = 0; i < n; i++) this.push(out, this.stmt(scope, true));
    if (top) {
      const r = this.rng;
      const end = r.weighted({ ret: 5, raise: 2, fall: 3 });
      if (end === "ret") out.push({ k: "return", value: this.value() });
      if (end === "raise") out.push({ k: "raise", exc: this.exc(true) });
    } else if (this.rng.chance(0.2)) {
      out.push({ k: "raise", exc: this.exc(true) });
    }
    return out;
  }

  /** One operation on a primitive, with a bound (in units) for those that may block. */
  private toolStmt(obj: number, guard: boolean): Stmt {
    const r = this.rng;
    const o = this.prog.objects[obj - 1];
    const units = r.int(0, 6);
    let op: ToolOp;
    let value: Value | null = null;
    let n = 0;
    if (o.kind === "sync") {
      op = o.cls === "Condition"
        ? r.weighted<ToolOp>({ cond_wait: 2, cond_wait_for: 1.5, notify: 1.5, notify_all: 1, locked: 0.5, repr: 0.5, release: 0.2 })
        : r.weighted<ToolOp>({ locked: 2, repr: 2, release: o.cls === "Lock" ? 0.3 : 1 });
      n = r.int(0, 3);
    } else if (o.kind === "queue") {
      op = r.weighted<ToolOp>({ put: 3, put_nowait: 2, get: 3, get_nowait: 1.5, task_done: 1.5, join: 1, qsize: 1, str: 2, shutdown: 0.4 });
      if (op === "put" || op === "put_nowait") {
        // a PriorityQueue gets [priority, name] entries, now and then one that does not compare
        value = o.cls === "PriorityQueue" && r.chance(0.93)
          ? { t: "list", v: [r.int(0, 4), r.int(0, 4)] }
          : this.value();
      }
      n = r.chance(0.3) ? 1 : 0; // shutdown(immediate)
    } else {
      op = r.weighted<ToolOp>({ bwait: 4, reset: 0.7, abort: 0.3, n_waiting: 1, repr: 1 });
    }
    return { k: "tool", obj, op, units, value, n, guard };
  }

  private createTool(): void {
    const r = this.rng;
    const id = this.prog.objects.length + 1;
    switch (r.weighted({ sync: 3, queue: 3, barrier: 1 })) {
      case "sync": {
        const cls = r.weighted<SyncClass>({ Lock: 2, Condition: 2, Semaphore: 1, BoundedSemaphore: 1 });
        this.prog.objects.push({ kind: "sync", id, cls, value: r.int(1, 3) });
        break;
      }
      case "queue":
        this.prog.objects.push({ kind: "queue", id, cls: r.weighted<QueueClass>({ Queue: 2, PriorityQueue: 2, LifoQueue: 1 }), maxsize: r.int(0, 3) });
        break;
      default:
        this.prog.objects.push({ kind: "barrier", id, parties: r.int(1, 3) });
    }
    this.prog.main.push({ k: "create", obj: id });
  }

  private tools(): number[] {
    return this.prog.objects.filter((o) => o.kind === "sync" || o.kind === "queue" || o.kind === "barrier").map((o) => o.id);
  }

  private awaitables(): number[] {
    return this.prog.objects.filter((o) => !TOOL_KINDS.has(o.kind)).map((o) => o.id);
  }

  private events(): number[] {
    return this.prog.objects.filter((o) => o.kind === "event").map((o) => o.id);
  }

  private createEvent(): void {
    const id = this.prog.objects.length + 1;
    this.prog.objects.push({ kind: "event", id, units: this.rng.int(0, 6) });
    this.prog.main.push({ k: "create", obj: id });
  }

  private createTask(): void {
    const r = this.rng;
    const id = this.prog.objects.length + 1;
    const visible = this.awaitables();
    const events = this.events();
    // the coroutine is made before the object exists, so it can only see older objects
    const obj: TaskObj = {
      kind: "task",
      id,
      how: r.weighted<CreateHow>({ create_task: 5, ensure_future: 2, "loop.create_task": 2, eager: 0.8 }),
      name: null,
      coro: 0,
    };
    this.prog.objects.push(obj);
    obj.coro = this.newCoro("work", { visible, events, tools: this.tools(), ownTask: true, depth: 0 });
    if (obj.how !== "ensure_future" && r.chance(0.4)) {
      obj.name = r.chance(0.85) ? r.pick(["alpha", "beta", "gamma", "delta", "worker"]) + id : 1000 + id;
    }
    this.prog.main.push({ k: "create", obj: id });
  }

  private createFuture(): void {
    const r = this.rng;
    const id = this.prog.objects.length + 1;
    this.prog.objects.push({
      kind: "future",
      id,
      resolver: {
        via: r.chance(0.25) ? "call_soon" : "call_later",
        units: r.int(0, 6),
        action: r.weighted({ resolve: 5, reject: 2, revoke: 1 }),
        value: this.value(),
        msg: this.msg(),
      },
    });
    this.prog.main.push({ k: "create", obj: id });
  }

  private createGather(): void {
    const r = this.rng;
    const id = this.prog.objects.length + 1;
    const scope: Scope = { visible: this.awaitables(), events: this.events(), tools: this.tools(), ownTask: true, depth: 0 };
    const targets: Target[] = [];
    for (let i = 0, n = r.int(1, 3); i < n; i++) {
      const t = this.target(scope, true);
      if (t) targets.push(t);
    }
    this.prog.objects.push({ kind: "gather", id, targets, retex: r.chance(0.5) });
    this.prog.main.push({ k: "create", obj: id });
  }

  private createShield(): void {
    const id = this.prog.objects.length + 1;
    const scope: Scope = { visible: this.awaitables(), events: this.events(), tools: this.tools(), ownTask: true, depth: 0 };
    const target = this.target(scope, true);
    if (!target) return;
    this.prog.objects.push({ kind: "shield", id, target });
    this.prog.main.push({ k: "create", obj: id });
  }

  build(): Program {
    const r = this.rng;
    const n = r.int(3, 14);
    const first = r.int(1, 3);
    for (let i = 0; i < first; i++) (r.chance(0.75) ? this.createTask() : this.createFuture());
    for (let i = 0; i < n; i++) {
      const choice = r.weighted({ task: 2, future: 0.7, gather: 0.5, shield: 0.4, event: 0.4, tool: 0.9, other: 6 });
      if (choice === "task" && this.prog.objects.length < 10) this.createTask();
      else if (choice === "future" && this.prog.objects.length < 10) this.createFuture();
      else if (choice === "gather" && this.prog.objects.length < 10) this.createGather();
      else if (choice === "shield" && this.prog.objects.length < 10) this.createShield();
      else if (choice === "event" && this.prog.objects.length < 10) this.createEvent();
      else if (choice === "tool" && this.prog.objects.length < 10) this.createTool();
      else {
        this.push(this.prog.main, this.stmt({ visible: this.awaitables(), events: this.events(), tools: this.tools(), ownTask: false, depth: 0 }, false));
      }
    }
    this.prog.eager = r.chance(0.12) ? (r.chance(0.6) ? "factory" : "custom") : null;
    this.prog.background = r.chance(0.15) ? r.weighted({ reraise: 2, fail: 1, swallow: 1 }) : null;
    this.prog.ending = r.chance(0.06)
      ? { kind: "raise", exc: this.exc(true) }
      : { kind: "return", value: this.value(), printRun: r.chance(0.3) };
    return this.prog;
  }
}

export function generate(seed: number): Program {
  return new Generator(seed).build();
}

// ---------------------------------------------------------------- printing

export type Lang = "py" | "ts";

interface Out {
  lang: Lang;
  lines: string[];
}

/** The objects that exist: those whose create statement is still in main (the shrinker deletes statements). */
function liveObjects(p: Program): Set<number> {
  const live = new Set<number>();
  for (const s of p.main) {
    if (s.k !== "create") continue;
    const o = p.objects[s.obj - 1];
    if (o.kind === "shield" && "obj" in o.target && !live.has(o.target.obj)) continue;
    live.add(s.obj);
  }
  return live;
}

class Printer {
  readonly p: Program;
  readonly live: Set<number>;
  private readonly refsMemo = new Map<number, number[]>();

  constructor(p: Program) {
    this.p = p;
    this.live = liveObjects(p);
  }

  obj(id: number): Obj {
    return this.p.objects[id - 1];
  }

  coro(id: number): CoroDef {
    return this.p.coros[id - 1];
  }

  varName(id: number): string {
    return `${{ task: "t", future: "f", gather: "g", shield: "s", event: "e", sync: "k", queue: "q", barrier: "b" }[this.obj(id).kind]}${id}`;
  }

  /** The TypeScript type of an object's variable (a coroutine's parameter). */
  tsType(id: number): string {
    const o = this.obj(id);
    switch (o.kind) {
      case "task": return "asyncio.Task";
      case "event": return "asyncio.Event";
      case "sync": return `asyncio.${o.cls}`;
      case "queue": return `asyncio.${o.cls}<unknown>`;
      case "barrier": return "asyncio.Barrier";
      default: return "asyncio.Future";
    }
  }

  has(id: number): boolean {
    return this.live.has(id);
  }

  targetOk(t: Target): boolean {
    return "obj" in t ? this.has(t.obj) : true;
  }

  /** The objects a coroutine uses, directly or through the leaves it calls: its parameters. */
  refs(coroId: number): number[] {
    const memo = this.refsMemo.get(coroId);
    if (memo) return memo;
    const acc = new Set<number>();
    const visit = (body: Stmt[]): void => {
      for (const s of body) {
        for (const id of stmtObjs(s)) if (this.has(id)) acc.add(id);
        for (const c of stmtCoros(s)) for (const id of this.refs(c)) acc.add(id);
        const nested = nestedBody(s);
        if (nested) visit(nested);
      }
    };
    visit(this.coro(coroId).body);
    const out = [...acc].sort((a, b) => a - b);
    this.refsMemo.set(coroId, out);
    return out;
  }

  call(coroId: number): string {
    return `${this.coro(coroId).name}(${this.refs(coroId).map((id) => this.varName(id)).join(", ")})`;
  }

  targetExpr(t: Target): string {
    return "obj" in t ? this.varName(t.obj) : this.call(t.coro);
  }

  /** The coroutines printed: every one reachable from a live statement, in id order. */
  usedCoros(): number[] {
    const used = new Set<number>();
    const visit = (body: Stmt[]): void => {
      for (const s of body) {
        if (!this.stmtOk(s)) continue;
        const more: number[] = [];
        if (s.k === "create") {
          const o = this.obj(s.obj);
          if (o.kind === "task") more.push(o.coro);
          if (o.kind === "gather") for (const t of o.targets) if ("coro" in t) more.push(t.coro);
          if (o.kind === "shield" && "coro" in o.target) more.push(o.target.coro);
        }
        for (const c of [...more, ...stmtCoros(s)]) {
          if (!used.has(c)) {
            used.add(c);
            visit(this.coro(c).body);
          }
        }
        const nested = nestedBody(s);
        if (nested) visit(nested);
      }
    };
    visit(this.p.main);
    return [...used].sort((a, b) => a - b);
  }

  /** A statement is printed only if the objects it names still exist. */
  stmtOk(s: Stmt): boolean {
    switch (s.k) {
      case "create": return this.has(s.obj);
      case "await": case "wait_for": case "shield": return this.targetOk(s.target);
      case "cancel": case "uncancel": case "inspect": case "add_cb": case "remove_cb": case "set": case "rename": case "event":
      case "with": case "tool":
        return this.has(s.obj);
      default: return true;
    }
  }
}

/** The statements nested in s (a try, timeout, async with or TaskGroup block), if any. */
export function nestedBody(s: Stmt): Stmt[] | null {
  return s.k === "try" || s.k === "timeout" || s.k === "with" || s.k === "group" ? s.body : null;
}

function stmtObjs(s: Stmt): number[] {
  switch (s.k) {
    case "await": case "wait_for": case "shield": return "obj" in s.target ? [s.target.obj] : [];
    case "gather": return s.targets.flatMap((t) => ("obj" in t ? [t.obj] : []));
    case "wait": return s.targets;
    case "cancel": case "uncancel": case "inspect": case "add_cb": case "remove_cb": case "set": case "rename": case "event":
    case "with": case "tool":
      return [s.obj];
    default: return [];
  }
}

function stmtCoros(s: Stmt): number[] {
  switch (s.k) {
    case "spawn": return [s.coro];
    case "group": return s.children;
    case "await": case "wait_for": case "shield": return "coro" in s.target ? [s.target.coro] : [];
    case "gather": return s.targets.flatMap((t) => ("coro" in t ? [t.coro] : []));
    default: return [];
  }
}

function pyStr(s: string): string {
  return JSON.stringify(s); // the generator only makes plain ASCII without quotes or escapes
}

function valueExpr(v: Value, lang: Lang): string {
  switch (v.t) {
    case "int": return String(v.v);
    case "str": return pyStr(v.v);
    case "none": return lang === "py" ? "None" : "null";
    case "list": return `[${v.v.join(", ")}]`;
  }
}

function excExpr(e: ExcSpec, lang: Lang): string {
  const arg = e.msg === null ? "" : pyStr(e.msg);
  if (e.cls === "CancelledError") return `${lang === "ts" ? "new " : ""}asyncio.CancelledError(${arg})`;
  if (lang === "py") return `${e.cls}(${arg})`;
  return e.cls === "AppError" ? `new AppError(${arg})` : `new asyncio.${e.cls}(${arg})`;
}

function secs(units: number): string {
  return String(units * UNIT);
}

function optsPy(parts: [string, string | null][]): string {
  return parts.filter(([, v]) => v !== null).map(([k, v]) => `, ${k}=${v}`).join("");
}

function optsTs(parts: [string, string | null][]): string {
  const kept = parts.filter(([, v]) => v !== null);
  return kept.length ? `, { ${kept.map(([k, v]) => `${k}: ${v}`).join(", ")} }` : "";
}

const CALLBACK_NAMES: Record<CallbackKind, string> = { show: "show", outcome: "outcome", broken: "broken" };

class Emitter {
  readonly pr: Printer;
  readonly lang: Lang;
  readonly lines: string[] = [];
  private depth = 0;

  constructor(pr: Printer, lang: Lang) {
    this.pr = pr;
    this.lang = lang;
  }

  line(text: string): void {
    this.lines.push((this.lang === "ts" ? "  " : "    ").repeat(this.depth) + text);
  }

  /** The same line in both languages, with a semicolon in TypeScript. */
  both(text: string): void {
    this.line(this.lang === "ts" ? `${text};` : text);
  }

  aw(expr: string): string {
    return this.lang === "py" ? `await ${expr}` : `yield* ${expr}`;
  }

  bool(b: boolean): string {
    return this.lang === "py" ? (b ? "True" : "False") : String(b);
  }

  none(): string {
    return this.lang === "py" ? "None" : "null";
  }

  msgArg(msg: string | null): string {
    return msg === null ? "" : pyStr(msg);
  }

  block(open: string, body: () => void, close = true): void {
    this.line(open);
    this.depth++;
    const before = this.lines.length;
    body();
    if (this.lang === "py" && this.lines.length === before) this.line("pass");
    this.depth--;
    if (close && this.lang === "ts") this.line("}");
  }

  /** try: body / except (CancelledError, Exception) as e: print(label raised e). */
  guarded(guard: boolean, label: string, body: () => void): void {
    if (!guard) {
      if (this.lang === "ts") this.block("{", body);
      else body();
      return;
    }
    if (this.lang === "py") {
      this.block("try:", body);
      this.block("except (asyncio.CancelledError, Exception) as e:", () => {
        this.line(`print(${pyStr(`${label} raised`)}, repr(e))`);
      });
    } else {
      this.line("try {");
      this.depth++;
      body();
      this.depth--;
      this.line("} catch (e) {");
      this.depth++;
      this.line("if (!(e instanceof asyncio.CancelledError || e instanceof asyncio.Exception)) throw e;");
      this.line(`print(${pyStr(`${label} raised`)}, repr(e));`);
      this.depth--;
      this.line("}");
    }
  }

  current(): string {
    return this.lang === "py" ? "asyncio.current_task()" : "asyncio.current_task()!";
  }

  stmts(body: Stmt[], who: string): void {
    for (const s of body) {
      if (!this.pr.stmtOk(s)) continue;
      this.stmt(s, who);
      if (s.k === "return" || s.k === "raise") break; // the rest is unreachable
    }
  }

  stmt(s: Stmt, who: string): void {
    const pr = this.pr;
    const py = this.lang === "py";
    switch (s.k) {
      case "create": {
        const o = pr.obj(s.obj);
        const v = pr.varName(o.id);
        const decl = py ? `${v} = ` : `const ${v} = `;
        if (o.kind === "task" && o.how === "eager") {
          // asyncio.Task(coro, loop=loop, eager_start=True): the first step runs now
          const name = o.name === null ? null : typeof o.name === "number" ? (py ? String(o.name) : pyStr(String(o.name))) : pyStr(o.name);
          const opts: [string, string | null][] = [["loop", "loop"], ["name", name], ["eager_start", this.bool(true)]];
          this.both(`${decl}${py ? "" : "new "}asyncio.Task(${pr.call(o.coro)}${py ? optsPy(opts) : optsTs(opts)})`);
        } else if (o.kind === "task") {
          const name = o.name === null ? null : typeof o.name === "number" ? (py ? String(o.name) : pyStr(String(o.name))) : pyStr(o.name);
          const fn = o.how === "loop.create_task" ? "loop.create_task" : `asyncio.${o.how}`;
          const opts = o.how === "ensure_future" ? [] : ([["name", name]] as [string, string | null][]);
          this.both(`${decl}${fn}(${pr.call(o.coro)}${py ? optsPy(opts) : optsTs(opts)})`);
        } else if (o.kind === "sync") {
          const arg = o.cls === "Semaphore" || o.cls === "BoundedSemaphore" ? String(o.value) : "";
          this.both(`${decl}${py ? "" : "new "}asyncio.${o.cls}(${arg})`);
        } else if (o.kind === "queue") {
          this.both(`${decl}${py ? "" : "new "}asyncio.${o.cls}(${o.maxsize})`);
        } else if (o.kind === "barrier") {
          this.both(`${decl}${py ? "" : "new "}asyncio.Barrier(${o.parties})`);
        } else if (o.kind === "gather") {
          const targets = o.targets.filter((t) => pr.targetOk(t)).map((t) => pr.targetExpr(t));
          const opts: [string, string | null][] = [["return_exceptions", o.retex ? this.bool(true) : null]];
          const tail = py ? optsPy(opts) : optsTs(opts);
          this.both(`${decl}asyncio.gather(${targets.join(", ")}${targets.length ? tail : tail.slice(2)})`);
        } else if (o.kind === "shield") {
          this.both(`${decl}asyncio.shield(${pr.targetExpr(o.target)})`);
        } else if (o.kind === "event") {
          this.both(`${decl}${py ? "" : "new "}asyncio.Event()`);
          this.both(`loop.call_later(${secs(o.units)}, fire, ${v})`);
        } else {
          this.both(`${decl}loop.create_future()`);
          const rz = o.resolver;
          const arg = rz.action === "resolve" ? valueExpr(rz.value, this.lang) : rz.msg === null ? this.none() : pyStr(rz.msg);
          const when = rz.via === "call_later" ? `${secs(rz.units)}, ` : "";
          this.both(`loop.${rz.via}(${when}${rz.action}, ${v}, ${arg})`);
        }
        return;
      }
      case "sleep":
        if (s.result === undefined) this.both(this.aw(`asyncio.sleep(${secs(s.units)})`));
        else {
          const call = `asyncio.sleep(${secs(s.units)}, ${valueExpr(s.result, this.lang)})`;
          this.both(`print(${pyStr(`${who}: sleep gave`)}, repr(${this.aw(call)}))`);
        }
        return;
      case "say":
        this.both(`print(${pyStr(`${who}: ${s.text}`)})`);
        return;
      case "await": {
        const e = pr.targetExpr(s.target);
        const label = `${who}: await ${e}`;
        this.guarded(s.guard, label, () => this.both(`print(${pyStr(`${label} ->`)}, repr(${this.aw(e)}))`));
        return;
      }
      case "gather": {
        const targets = s.targets.filter((t) => pr.targetOk(t)).map((t) => pr.targetExpr(t));
        const label = `${who}: gather(${targets.join(", ")})`;
        const opts: [string, string | null][] = [["return_exceptions", s.retex ? this.bool(true) : null]];
        const args = targets.join(", ");
        const call = py
          ? `asyncio.gather(${args}${targets.length ? optsPy(opts) : optsPy(opts).slice(2)})`
          : `asyncio.gather(${args}${targets.length ? optsTs(opts) : optsTs(opts).slice(2)})`;
        this.guarded(s.guard, label, () => this.both(`print(${pyStr(`${label} ->`)}, repr(${this.aw(call)}))`));
        return;
      }
      case "wait": {
        const targets = s.targets.filter((id) => pr.has(id)).map((id) => pr.varName(id));
        const label = `${who}: wait([${targets.join(", ")}], ${s.when}${s.timeout === null ? "" : `, timeout=${secs(s.timeout)}`})`;
        const opts: [string, string | null][] = [
          ["return_when", `asyncio.${s.when}`],
          ["timeout", s.timeout === null ? null : secs(s.timeout)],
        ];
        this.guarded(s.guard, label, () => {
          if (py) this.line(`done, pending = await asyncio.wait([${targets.join(", ")}]${optsPy(opts)})`);
          else this.line(`const [done, pending] = yield* asyncio.wait([${targets.join(", ")}]${optsTs(opts)});`);
          this.both(`print(${pyStr(`${label} -> done`)}, names(done), "pending", names(pending))`);
        });
        return;
      }
      case "wait_for": {
        const e = pr.targetExpr(s.target);
        const t = s.timeout === null ? this.none() : secs(s.timeout);
        const label = `${who}: wait_for(${e}, ${s.timeout === null ? "None" : t})`;
        this.guarded(s.guard, label, () =>
          this.both(`print(${pyStr(`${label} ->`)}, repr(${this.aw(`asyncio.wait_for(${e}, ${t})`)}))`));
        return;
      }
      case "shield": {
        const e = pr.targetExpr(s.target);
        const label = `${who}: shield(${e})`;
        this.guarded(s.guard, label, () => this.both(`print(${pyStr(`${label} ->`)}, repr(${this.aw(`asyncio.shield(${e})`)}))`));
        return;
      }
      case "cancel": {
        const v = pr.varName(s.obj);
        const m = this.msgArg(s.msg);
        this.both(`print(${pyStr(`${who}: ${v}.cancel(${m.replaceAll('"', "'")}) ->`)}, ${v}.cancel(${m}))`);
        return;
      }
      case "uncancel": {
        const v = pr.varName(s.obj);
        if (pr.obj(s.obj).kind !== "task") return;
        this.both(`print(${pyStr(`${who}: ${v}.uncancel() ->`)}, ${v}.uncancel())`);
        return;
      }
      case "inspect": {
        const v = pr.varName(s.obj);
        const isTask = pr.obj(s.obj).kind === "task";
        const simple = (expr: string, text: string): void => this.both(`print(${pyStr(`${who}: ${text} ->`)}, ${expr})`);
        switch (s.what) {
          case "done": simple(`${v}.done()`, `${v}.done()`); return;
          case "cancelled": simple(`${v}.cancelled()`, `${v}.cancelled()`); return;
          case "repr": simple(`repr(${v})`, `repr(${v})`); return;
          case "state": simple(`${v}._state`, `${v}._state`); return;
          case "cancelling": if (isTask) simple(`${v}.cancelling()`, `${v}.cancelling()`); return;
          case "name": if (isTask) simple(`${v}.get_name()`, `${v}.get_name()`); return;
          case "waiter": if (isTask) simple(`repr(${v}._fut_waiter)`, `${v}._fut_waiter`); return;
          case "result":
          case "exception": {
            const label = `${who}: ${v}.${s.what}()`;
            this.guarded(true, label, () => this.both(`print(${pyStr(`${label} ->`)}, repr(${v}.${s.what}()))`));
            return;
          }
        }
        return;
      }
      case "self": {
        const cur = this.current();
        switch (s.op) {
          case "cancel": {
            const m = this.msgArg(s.msg);
            this.both(`print(${pyStr(`${who}: cancel itself ->`)}, ${cur}.cancel(${m}))`);
            return;
          }
          case "uncancel": this.both(`print(${pyStr(`${who}: uncancel itself ->`)}, ${cur}.uncancel())`); return;
          case "cancelling": this.both(`print(${pyStr(`${who}: cancelling() ->`)}, ${cur}.cancelling())`); return;
          case "repr": this.both(`print(${pyStr(`${who}: itself ->`)}, repr(${cur}))`); return;
        }
        return;
      }
      case "add_cb":
        this.both(`${pr.varName(s.obj)}.add_done_callback(${CALLBACK_NAMES[s.cb]})`);
        return;
      case "remove_cb": {
        const v = pr.varName(s.obj);
        const cb = CALLBACK_NAMES[s.cb];
        this.both(`print(${pyStr(`${who}: ${v}.remove_done_callback(${cb}) ->`)}, ${v}.remove_done_callback(${cb}))`);
        return;
      }
      case "set": {
        const v = pr.varName(s.obj);
        const arg = s.action === "result" ? valueExpr(s.value, this.lang) : excExpr({ cls: "ValueError", msg: "set" }, this.lang);
        const label = `${who}: ${v}.set_${s.action}()`;
        this.guarded(true, label, () => {
          this.both(`${v}.set_${s.action}(${arg})`);
          this.both(`print(${pyStr(`${label} done`)})`);
        });
        return;
      }
      case "raise":
        this.both(py ? `raise ${excExpr(s.exc, "py")}` : `throw ${excExpr(s.exc, "ts")}`);
        return;
      case "return":
        this.both(`return ${valueExpr(s.value, this.lang)}`);
        return;
      case "try":
        this.tryStmt(s, who);
        return;
      case "elapsed":
        this.both(`print(${pyStr(`${who}: elapsed`)}, elapsed())`);
        return;
      case "all_tasks":
        this.both(`print(${pyStr(`${who}: all_tasks ->`)}, names(asyncio.all_tasks()))`);
        return;
      case "call": {
        const loop = who === "main" ? "loop" : "asyncio.get_running_loop()";
        const when = s.via === "call_later" ? `${secs(s.units)}, ` : "";
        this.both(`${loop}.${s.via}(${when}note, ${pyStr(`${who}: ${s.text}`)})`);
        return;
      }
      case "rename":
        if (pr.obj(s.obj).kind === "task") this.both(`${pr.varName(s.obj)}.set_name(${pyStr(s.name)})`);
        return;
      case "spawn":
        this.both(`asyncio.create_task(${pr.call(s.coro)})`);
        return;
      case "timeout": {
        const d = s.units < 0 ? this.none() : secs(s.units);
        const label = `${who}: timeout(${s.units < 0 ? "None" : d})`;
        this.guarded(s.guard, label, () => {
          if (py) {
            this.block(`async with asyncio.timeout(${d}):`, () => this.stmts(s.body, who));
          } else {
            this.line(`yield* asyncio.async_with(asyncio.timeout(${d}), function* () {`);
            this.depth++;
            this.stmts(s.body, who);
            this.depth--;
            this.line("});");
          }
          this.both(`print(${pyStr(`${label} block done`)})`);
        });
        return;
      }
      case "with": {
        const v = pr.varName(s.obj);
        const label = `${who}: async with ${v}`;
        this.guarded(s.guard, label, () => {
          this.asyncWith(v, null, () => this.stmts(s.body, who));
          this.both(`print(${pyStr(`${label} block done`)})`);
        });
        return;
      }
      case "group": {
        const label = `${who}: TaskGroup`;
        this.guarded(s.guard, label, () => {
          this.asyncWith(py ? "asyncio.TaskGroup()" : "new asyncio.TaskGroup()", "tg", () => {
            for (const c of s.children) this.both(`tg.create_task(${pr.call(c)})`);
            this.stmts(s.body, who);
          });
          this.both(`print(${pyStr(`${label} block done`)})`);
        });
        return;
      }
      case "tool":
        this.toolStmt(s, who);
        return;
      case "event": {
        const v = pr.varName(s.obj);
        const label = `${who}: ${v}.${s.op}()`;
        if (s.op === "wait") this.guarded(s.guard, label, () => this.both(`print(${pyStr(`${label} ->`)}, ${this.aw(`${v}.wait()`)})`));
        else if (s.op === "is_set") this.both(`print(${pyStr(`${label} ->`)}, ${v}.is_set())`);
        else this.both(`${v}.${s.op}()`);
        return;
      }
    }
  }

  /** `async with cm [as name]:` around body (the async_with idiom in TypeScript). */
  asyncWith(cm: string, name: string | null, body: () => void): void {
    if (this.lang === "py") {
      this.block(`async with ${cm}${name ? ` as ${name}` : ""}:`, body);
      return;
    }
    this.line(`yield* asyncio.async_with(${cm}, function* (${name ?? ""}) {`);
    this.depth++;
    body();
    this.depth--;
    this.line("});");
  }

  private toolStmt(s: Extract<Stmt, { k: "tool" }>, who: string): void {
    const py = this.lang === "py";
    const v = this.pr.varName(s.obj);
    const t = secs(s.units);
    const bounded = (expr: string): string => this.aw(`asyncio.wait_for(${expr}, ${t})`);
    const show = (label: string, expr: string): void => this.both(`print(${pyStr(`${label} ->`)}, ${expr})`);
    const done = (label: string): void => this.both(`print(${pyStr(`${label} done`)})`);
    const value = s.value === null ? "" : valueExpr(s.value, this.lang);
    switch (s.op) {
      case "locked": show(`${who}: ${v}.locked()`, `${v}.locked()`); return;
      case "repr": show(`${who}: repr(${v})`, `repr(${v})`); return;
      case "release": {
        const label = `${who}: ${v}.release()`;
        this.guarded(true, label, () => {
          this.both(`${v}.release()`);
          done(label);
        });
        return;
      }
      case "cond_wait": case "cond_wait_for": case "notify": case "notify_all": {
        const label = `${who}: ${v}.${s.op === "cond_wait" ? "wait" : s.op === "cond_wait_for" ? "wait_for" : s.op}(${s.op === "notify" ? s.n : ""})`;
        this.guarded(s.guard, label, () => {
          this.asyncWith(v, null, () => {
            if (s.op === "cond_wait") show(label, bounded(`${v}.wait()`));
            else if (s.op === "cond_wait_for") {
              const pred = py ? `lambda: TICKS[${s.n}:]` : `() => TICKS.slice(${s.n})`;
              show(label, `repr(${bounded(`${v}.wait_for(${pred})`)})`);
            } else {
              this.both(py ? "TICKS.append(1)" : "TICKS.push(1)");
              this.both(s.op === "notify" ? `${v}.notify(${s.n})` : `${v}.notify_all()`);
              done(label);
            }
          });
        });
        return;
      }
      case "put": case "put_nowait": {
        const label = `${who}: ${v}.${s.op}(${s.value === null ? "" : valueExpr(s.value, "py")})`;
        this.guarded(s.guard, label, () => {
          this.both(s.op === "put" ? bounded(`${v}.put(${value})`) : `${v}.put_nowait(${value})`);
          done(label);
        });
        return;
      }
      case "get": {
        const label = `${who}: ${v}.get()`;
        this.guarded(s.guard, label, () => show(label, `repr(${bounded(`${v}.get()`)})`));
        return;
      }
      case "get_nowait": {
        const label = `${who}: ${v}.get_nowait()`;
        this.guarded(s.guard, label, () => show(label, `repr(${v}.get_nowait())`));
        return;
      }
      case "task_done": {
        const label = `${who}: ${v}.task_done()`;
        this.guarded(s.guard, label, () => {
          this.both(`${v}.task_done()`);
          done(label);
        });
        return;
      }
      case "join": {
        const label = `${who}: ${v}.join()`;
        this.guarded(s.guard, label, () => {
          this.both(bounded(`${v}.join()`));
          done(label);
        });
        return;
      }
      case "qsize": show(`${who}: ${v} size, empty, full`, `${v}.qsize(), ${v}.empty(), ${v}.full()`); return;
      case "str": show(`${who}: str(${v})`, `str(${v})`); return;
      case "shutdown": {
        this.both(`${v}.shutdown(${this.bool(s.n === 1)})`);
        done(`${who}: ${v}.shutdown(${s.n === 1 ? "True" : "False"})`);
        return;
      }
      case "bwait": {
        const label = `${who}: ${v}.wait()`;
        this.guarded(s.guard, label, () => show(label, bounded(`${v}.wait()`)));
        return;
      }
      case "reset": case "abort": {
        const label = `${who}: ${v}.${s.op}()`;
        this.guarded(s.guard, label, () => {
          this.both(this.aw(`${v}.${s.op}()`));
          done(label);
        });
        return;
      }
      case "n_waiting":
        show(`${who}: ${v} n_waiting, broken, parties`, `${v}.n_waiting, ${v}.broken, ${v}.parties`);
        return;
    }
  }

  private handlerAction(action: OnCancel | OnExc, who: string): void {
    const py = this.lang === "py";
    switch (action) {
      case "reraise": this.both(py ? "raise" : "throw e"); return;
      case "swallow": return;
      case "uncancel": this.both(`print(${pyStr(`${who}: uncancel itself ->`)}, ${this.current()}.uncancel())`); return;
      case "other": this.both(py ? `raise RuntimeError("after ${who}") from None` : `throw new asyncio.RuntimeError("after ${who}")`); return;
      case "return": this.both(`return ${pyStr(`${who} gave up`)}`); return;
    }
  }

  private tryStmt(s: Extract<Stmt, { k: "try" }>, who: string): void {
    // print(e) writes str(e): the message, or the key's repr for a KeyError
    const caught = (): void => this.both(`print(${pyStr(`${who}: caught`)}, ${s.plain ? "e" : "repr(e)"})`);
    if (this.lang === "py") {
      this.block("try:", () => this.stmts(s.body, who));
      if (s.onCancel) this.block("except asyncio.CancelledError as e:", () => { caught(); this.handlerAction(s.onCancel!, who); });
      if (s.onExc) this.block("except Exception as e:", () => { caught(); this.handlerAction(s.onExc!, who); });
      if (s.fin) this.block("finally:", () => this.both(`print(${pyStr(`${who}: finally`)})`));
      return;
    }
    this.line("try {");
    this.depth++;
    this.stmts(s.body, who);
    this.depth--;
    if (s.onCancel || s.onExc) {
      this.line("} catch (e) {");
      this.depth++;
      let first = true;
      const branch = (cls: string, action: OnCancel | OnExc): void => {
        this.line(`${first ? "if" : "} else if"} (e instanceof ${cls}) {`);
        first = false;
        this.depth++;
        caught();
        this.handlerAction(action, who);
        this.depth--;
      };
      if (s.onCancel) branch("asyncio.CancelledError", s.onCancel);
      if (s.onExc) branch("asyncio.Exception", s.onExc);
      this.line("} else {");
      this.line("  throw e;");
      this.line("}");
      this.depth--;
    }
    if (s.fin) {
      this.line("} finally {");
      this.depth++;
      this.both(`print(${pyStr(`${who}: finally`)})`);
      this.depth--;
    }
    this.line("}");
  }

  coroDef(c: CoroDef): void {
    const pr = this.pr;
    const params = pr.refs(c.id).map((id) => pr.varName(id));
    if (this.lang === "py") {
      this.block(`async def ${c.name}(${params.join(", ")}):`, () => this.stmts(c.body, c.name));
    } else {
      const typed = pr.refs(c.id).map((id) => `${pr.varName(id)}: ${pr.tsType(id)}`);
      this.block(`function* ${c.name}(${typed.join(", ")}) {`, () => this.stmts(c.body, c.name));
    }
    this.lines.push("");
  }
}

const PY_PRELUDE = (seed: number): string => `# Generated by fuzz/generate.ts (seed ${seed}); the TypeScript twin is printed from the same description.
# Reference output: CPython 3.13 on a virtual clock (python3.13 fuzz/pyvclock.py THIS.py).
import asyncio

T0 = 0.0
TICKS = []


class AppError(Exception):
    pass


def elapsed():
    return round((asyncio.get_running_loop().time() - T0) * ${1 / UNIT})


def names(fs):
    return sorted(f.get_name() if isinstance(f, asyncio.Task) else "future" for f in fs)


def show(fut):
    print("show:", repr(fut))


def outcome(fut):
    try:
        print("outcome:", repr(fut.result()), asyncio.current_task())
    except (asyncio.CancelledError, Exception) as e:
        print("outcome: raised", repr(e))


def broken(fut):
    raise RuntimeError("callback failed")


def note(text):
    print(text, "| current task:", asyncio.current_task())


def resolve(fut, value):
    if not fut.done():
        fut.set_result(value)


def reject(fut, msg):
    if not fut.done():
        fut.set_exception(ValueError(msg))


def revoke(fut, msg):
    fut.cancel(msg)


def fire(event):
    event.set()


async def drain():
    # Tasks nobody waits for any more (children of a cancelled gather or shield) finish
    # here, so that asyncio.run's shutdown has nothing left to cancel.
    while True:
        me = asyncio.current_task()
        rest = [t for t in asyncio.all_tasks() if t is not me]
        if not rest:
            return
        await asyncio.gather(*rest, return_exceptions=True)

`;

const TS_PRELUDE = (seed: number): string => `// Generated by fuzz/generate.ts (seed ${seed}); the Python twin is printed from the same description.
import asyncio, { print, repr, str } from "asyncio";

let T0 = 0;
const TICKS: number[] = [];

class AppError extends asyncio.Exception {}

function elapsed(): number {
  return Math.round((asyncio.get_running_loop().time() - T0) * ${1 / UNIT});
}

function names(fs: Set<asyncio.Future>): string[] {
  return [...fs].map((f) => (f instanceof asyncio.Task ? f.get_name() : "future")).sort();
}

function show(fut: asyncio.Future) {
  print("show:", repr(fut));
}

function outcome(fut: asyncio.Future) {
  try {
    print("outcome:", repr(fut.result()), asyncio.current_task());
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError || e instanceof asyncio.Exception)) throw e;
    print("outcome: raised", repr(e));
  }
}

function broken(fut: asyncio.Future) {
  throw new asyncio.RuntimeError("callback failed");
}

function note(text: string) {
  print(text, "| current task:", asyncio.current_task());
}

function resolve(fut: asyncio.Future, value: unknown) {
  if (!fut.done()) fut.set_result(value);
}

function reject(fut: asyncio.Future, msg: string | null) {
  if (!fut.done()) fut.set_exception(new asyncio.ValueError(msg));
}

function revoke(fut: asyncio.Future, msg: string | null) {
  fut.cancel(msg);
}

function fire(event: asyncio.Event) {
  event.set();
}

function* drain() {
  // Tasks nobody waits for any more (children of a cancelled gather or shield) finish
  // here, so that asyncio.run's shutdown has nothing left to cancel.
  for (;;) {
    const me = asyncio.current_task();
    const rest = [...asyncio.all_tasks()].filter((t) => t !== me);
    if (rest.length === 0) return;
    yield* asyncio.gather(...rest, { return_exceptions: true });
  }
}

`;

function leftoverDef(em: Emitter, what: "reraise" | "fail" | "swallow"): void {
  const py = em.lang === "py";
  const action = {
    reraise: py ? "raise" : "throw e;",
    fail: py ? 'raise RuntimeError("leftover failed") from None' : 'throw new asyncio.RuntimeError("leftover failed");',
    swallow: py ? 'return "leftover swallowed it"' : 'return "leftover swallowed it";',
  }[what];
  if (py) {
    em.lines.push(
      "async def leftover():",
      "    try:",
      "        await asyncio.sleep(3600)",
      "    except asyncio.CancelledError as e:",
      '        print("leftover: cancelled at shutdown", repr(e), repr(asyncio.current_task()))',
      `        ${action}`,
      "",
    );
  } else {
    em.lines.push(
      "function* leftover() {",
      "  try {",
      "    yield* asyncio.sleep(3600);",
      "  } catch (e) {",
      "    if (!(e instanceof asyncio.CancelledError)) throw e;",
      '    print("leftover: cancelled at shutdown", repr(e), repr(asyncio.current_task()));',
      `    ${action}`,
      "  }",
      "}",
      "",
    );
  }
}

export function printProgram(p: Program, lang: Lang): string {
  const pr = new Printer(p);
  const em = new Emitter(pr, lang);
  for (const id of pr.usedCoros()) em.coroDef(pr.coro(id));
  const py = lang === "py";
  if (p.background !== null) leftoverDef(em, p.background);
  const body = (): void => {
    if (py) em.line("global T0");
    em.both(py ? "loop = asyncio.get_running_loop()" : "const loop = asyncio.get_running_loop()");
    em.both("T0 = loop.time()");
    if (p.eager === "factory") em.both("loop.set_task_factory(asyncio.eager_task_factory)");
    if (p.eager === "custom") em.both("loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task))");
    em.stmts(p.main, "main");
    const all = [...pr.live].sort((a, b) => a - b).filter((id) => !TOOL_KINDS.has(pr.obj(id).kind)).map((id) => pr.varName(id));
    const opts = py ? "return_exceptions=True" : "{ return_exceptions: true }";
    em.both(`print("main: final", repr(${em.aw(`asyncio.gather(${[...all, opts].join(", ")})`)}))`);
    em.both(em.aw("drain()"));
    if (p.background !== null) em.both("asyncio.create_task(leftover())");
    if (p.ending.kind === "raise") em.both(py ? `raise ${excExpr(p.ending.exc, "py")}` : `throw ${excExpr(p.ending.exc, "ts")}`);
    else if (p.ending.value.t !== "none") em.both(`return ${valueExpr(p.ending.value, lang)}`);
  };
  if (py) em.block("async def main():", body);
  else em.block("function* main() {", body);
  em.lines.push("");
  if (p.ending.kind === "return" && p.ending.printRun) {
    em.both(py ? `print("run ->", repr(asyncio.run(main())))` : `print("run ->", repr(await asyncio.run(main())))`);
  } else {
    em.both("asyncio.run(main())");
  }
  return (py ? PY_PRELUDE(p.seed) : TS_PRELUDE(p.seed)) + em.lines.join("\n") + "\n";
}

/** Both twins of program `seed`. */
export function generatePair(seed: number): { program: Program; py: string; ts: string } {
  const program = generate(seed);
  return { program, py: printProgram(program, "py"), ts: printProgram(program, "ts") };
}

/** The ids of the coroutine functions a program prints (those reachable from main). */
export function usedCoroIds(p: Program): number[] {
  return new Printer(p).usedCoros();
}

/** The families of constructs the generator draws from; every program uses some of them. */
export const FAMILIES = [
  "task", "future", "gather", "wait", "wait_for", "shield", "cancel", "callback", "timeout", "event",
  "Lock", "Condition", "Semaphore", "Queue", "Barrier", "TaskGroup", "eager", "leftover",
] as const;
export type Family = (typeof FAMILIES)[number];

/** The families a program's printed twins use (in main and the coroutines main reaches). */
export function familiesOf(p: Program): Set<Family> {
  const out = new Set<Family>();
  const pr = new Printer(p);
  const objKind = (id: number): Obj => p.objects[id - 1];
  const visit = (body: Stmt[]): void => {
    for (const s of body) {
      switch (s.k) {
        case "create": {
          if (!pr.has(s.obj)) break;
          const o = objKind(s.obj);
          if (o.kind === "task") out.add(o.how === "eager" ? "eager" : "task");
          else if (o.kind === "sync") out.add(o.cls === "BoundedSemaphore" ? "Semaphore" : o.cls);
          else if (o.kind === "queue") out.add("Queue");
          else if (o.kind === "barrier") out.add("Barrier");
          else out.add(o.kind);
          break;
        }
        case "gather": case "wait": case "wait_for": case "shield": case "timeout": case "event": out.add(s.k); break;
        case "cancel": out.add("cancel"); break;
        case "self": if (s.op === "cancel") out.add("cancel"); break;
        case "add_cb": case "call": out.add("callback"); break;
        case "group": out.add("TaskGroup"); break;
        default: break;
      }
      const nested = nestedBody(s);
      if (nested) visit(nested);
    }
  };
  visit(p.main);
  for (const id of pr.usedCoros()) visit(pr.coro(id).body);
  if (p.eager) out.add("eager");
  if (p.background !== null) out.add("leftover");
  return out;
}
