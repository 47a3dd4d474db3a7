/**
 * The `"asyncio"` module every example imports (runtime-api.md): named exports and a default
 * export holding all of them, so that both `import asyncio, { print } from "asyncio"` and
 * `import * as asyncio from "asyncio"` work.
 *
 * Module layout, dependencies in one direction:
 * pysource, exceptions → coroutines → format → loopstate → traceback → futures → events → tasks →
 * idioms / locks / queues / timeouts / taskgroups → runners → builtins → host → index;
 * warnings (loopstate, traceback) installs asyncio's DeprecationWarning into loopstate.
 */
import { hook } from "./host.ts";
import "./warnings.ts";

export {
  BaseException,
  Exception,
  ArithmeticError,
  ZeroDivisionError,
  AssertionError,
  AttributeError,
  LookupError,
  KeyError,
  IndexError,
  NameError,
  OSError,
  TimeoutError,
  RuntimeError,
  NotImplementedError,
  RecursionError,
  StopIteration,
  StopAsyncIteration,
  TypeError,
  ValueError,
  KeyboardInterrupt,
  SystemExit,
  CancelledError,
  InvalidStateError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  BrokenBarrierError,
  BaseExceptionGroup,
  ExceptionGroup,
  except_star,
} from "./exceptions.ts";
export type { ExceptionClass, ExceptionMatcher } from "./exceptions.ts";
export { __arm, __register, iscoroutine } from "./coroutines.ts";
export type { Coro } from "./coroutines.ts";
// The contract's type names (asyncio-contract.d.ts).
import type { Coro } from "./coroutines.ts";
import type { Future as FutureClass } from "./futures.ts";
import type { BaseEventLoop as Loop } from "./events.ts";
/** A coroutine: what calling a `function*` returns. `yield* coro` gives T. */
export type Coroutine<T = unknown> = Coro<T>;
/** What `yield*` accepts inside a coroutine, and what gather/wait_for/shield take. */
export type Awaitable<T = unknown> = Coro<T> | FutureClass<T>;
/** The type that `yield*` gives for an awaitable A. */
export type AwaitedResult<A> = A extends { [Symbol.iterator](): Iterator<unknown, infer R, never> } ? R : never;
/** The loop's type as the contract names it. */
export type AbstractEventLoop = Loop;
export { repr, str } from "./format.ts";
export { Future, isfuture } from "./futures.ts";
export type { FutureState } from "./futures.ts";
export { get_event_loop, get_running_loop, new_event_loop, set_event_loop, BaseEventLoop, Handle, TimerHandle } from "./events.ts";
export {
  ALL_COMPLETED,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  Task,
  all_tasks,
  as_completed,
  create_task,
  create_eager_task_factory,
  current_task,
  eager_task_factory,
  ensure_future,
  gather,
  shield,
  sleep,
  wait,
} from "./tasks.ts";
export type { ReturnWhen, TaskFactory } from "./tasks.ts";
export { AsyncGenerator, AsyncItem, BREAK, aiter, anext, async_for, async_with, item } from "./idioms.ts";
export type { AsyncContextManager } from "./idioms.ts";
export { Barrier, BoundedSemaphore, Condition, Event, Lock, Semaphore } from "./locks.ts";
export { LifoQueue, PriorityQueue, Queue } from "./queues.ts";
export { TaskGroup } from "./taskgroups.ts";
export { Timeout, timeout, timeout_at, wait_for } from "./timeouts.ts";
export { run } from "./runners.ts";
export { print } from "./builtins.ts";
export type { PrintOptions } from "./builtins.ts";
// for hosts and the bundling step
export { finish, reportError } from "./host.ts";
export type { AsyncioHost } from "./host.ts";
export { subscribe } from "./instrument.ts";
export type { LifecycleEvent, LifecycleListener } from "./instrument.ts";
export { formatException } from "./traceback.ts";

/**
 * The module object, as `import asyncio from "asyncio"` gives it: this module's own namespace
 * (a self-import), so that `asyncio.Task` is both the class and, in TypeScript, the type.
 */
export * as default from "./index.ts";
import * as self from "./index.ts";

hook.runtime = self;
