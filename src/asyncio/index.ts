/**
 * The `"asyncio"` module every example imports (runtime-api.md): named exports and a default
 * export holding all of them, so that both `import asyncio, { print } from "asyncio"` and
 * `import * as asyncio from "asyncio"` work.
 *
 * Module layout, dependencies in one direction:
 * exceptions → coroutines → format → loopstate → futures → traceback → events → tasks →
 * locks / queues / timeouts → runners → builtins → host → index.
 */
import {
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
} from "./exceptions.ts";
import { __register, iscoroutine } from "./coroutines.ts";
import { repr, str } from "./format.ts";
import { Future, isfuture } from "./futures.ts";
import { get_event_loop, get_running_loop, new_event_loop, set_event_loop, BaseEventLoop, Handle, TimerHandle } from "./events.ts";
import {
  ALL_COMPLETED,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  Task,
  all_tasks,
  as_completed,
  create_task,
  current_task,
  ensure_future,
  gather,
  shield,
  sleep,
  wait,
} from "./tasks.ts";
import { Event, Lock, Semaphore } from "./locks.ts";
import { Queue } from "./queues.ts";
import { Timeout, timeout, timeout_at, wait_for } from "./timeouts.ts";
import { AsyncGenerator, AsyncItem, BREAK, aiter, anext, async_for, async_with, item } from "./idioms.ts";
import { run } from "./runners.ts";
import { print } from "./builtins.ts";
import { hook, finish, reportError } from "./host.ts";
import { subscribe } from "./instrument.ts";
import { formatException } from "./traceback.ts";

export type { Coro } from "./coroutines.ts";
export type { LifecycleEvent, LifecycleListener } from "./instrument.ts";
export type { AsyncioHost } from "./host.ts";

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
} from "./exceptions.ts";

export {
  // running
  run,
  get_event_loop,
  get_running_loop,
  new_event_loop,
  set_event_loop,
  BaseEventLoop,
  Handle,
  TimerHandle,
  // tasks
  create_task,
  ensure_future,
  current_task,
  all_tasks,
  Task,
  Future,
  iscoroutine,
  isfuture,
  // waiting
  sleep,
  gather,
  wait,
  wait_for,
  shield,
  as_completed,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  ALL_COMPLETED,
  timeout,
  timeout_at,
  Timeout,
  async_with,
  async_for,
  aiter,
  anext,
  item,
  BREAK,
  AsyncGenerator,
  AsyncItem,
  // sync
  Event,
  Lock,
  Semaphore,
  Queue,
  // builtins
  print,
  repr,
  str,
  // for hosts and the bundling step
  __register,
  subscribe,
  formatException,
  reportError,
  finish,
};

/** The module object, as `import asyncio from "asyncio"` gives it. */
const asyncio = {
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
  run,
  get_event_loop,
  get_running_loop,
  new_event_loop,
  set_event_loop,
  BaseEventLoop,
  Handle,
  TimerHandle,
  create_task,
  ensure_future,
  current_task,
  all_tasks,
  Task,
  Future,
  iscoroutine,
  isfuture,
  sleep,
  gather,
  wait,
  wait_for,
  shield,
  as_completed,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  ALL_COMPLETED,
  timeout,
  timeout_at,
  Timeout,
  async_with,
  async_for,
  aiter,
  anext,
  item,
  BREAK,
  AsyncGenerator,
  AsyncItem,
  Event,
  Lock,
  Semaphore,
  Queue,
  print,
  repr,
  str,
  __register,
  subscribe,
  formatException,
  reportError,
  finish,
};

hook.runtime = asyncio;

export default asyncio;
