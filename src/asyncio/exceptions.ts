/**
 * Python's exception hierarchy, as far as asyncio programs meet it (CPython's builtins plus
 * Lib/asyncio/exceptions.py). Classes are real JavaScript `Error`s so that `throw`, `catch`
 * and `instanceof` work as readers expect, and each carries what Python prints:
 *  - `args` (the constructor arguments, like `BaseException.args`),
 *  - a Python class name and module (`asyncio.exceptions.CancelledError` in tracebacks,
 *    builtins bare), read by the formatter and the traceback builder.
 * `String(err)` and template literals give Python's `str(err)`, as `f"{err}"` does.
 */

/** Where the formatter finds the Python-side identity of an exception class. */
export interface PyExceptionClass {
  readonly pyName: string;
  /** `""` for builtins; e.g. `"asyncio.exceptions"` for asyncio's own classes. */
  readonly pyModule: string;
}

/** Python's `str()` of one argument, kept tiny here so that this module depends on nothing. */
type StrHook = (value: unknown) => string;
type ReprHook = (value: unknown) => string;
let strHook: StrHook = (v) => String(v);
let reprHook: ReprHook = (v) => String(v);

/** format.ts installs Python's str/repr here (it depends on this module, not the reverse). */
export function installFormatters(str: StrHook, repr: ReprHook): void {
  strHook = str;
  reprHook = repr;
}

export class BaseException extends Error {
  static pyName = "BaseException";
  static pyModule = "";
  readonly args: unknown[];

  constructor(...args: unknown[]) {
    // The JavaScript message is Python's str() of the arguments so that host tools that only
    // know `message` (and V8's own stack header) still say something sensible.
    super(args.length === 0 ? "" : args.length === 1 ? strHook(args[0]) : "");
    this.args = args;
    this.name = classPyName(new.target);
  }

  /** Python's `str(exc)`: nothing for no argument, str of a single one, else the tuple's repr. */
  __str__(): string {
    const a = this.args;
    if (a.length === 0) return "";
    if (a.length === 1) return strHook(a[0]);
    return "(" + a.map((x) => reprHook(x)).join(", ") + ")";
  }

  /** Python's `repr(exc)`: `ValueError('bad')`. */
  __repr__(): string {
    const name = classPyName(this.constructor);
    return `${name}(${this.args.map((x) => reprHook(x)).join(", ")})`;
  }

  override toString(): string {
    return this.__str__();
  }
}

export class Exception extends BaseException {
  static override pyName = "Exception";
}
export class ArithmeticError extends Exception {
  static override pyName = "ArithmeticError";
}
export class ZeroDivisionError extends ArithmeticError {
  static override pyName = "ZeroDivisionError";
}
export class AssertionError extends Exception {
  static override pyName = "AssertionError";
}
export class AttributeError extends Exception {
  static override pyName = "AttributeError";
}
export class LookupError extends Exception {
  static override pyName = "LookupError";
}
export class KeyError extends LookupError {
  static override pyName = "KeyError";
  /** CPython: `str(KeyError('k'))` is the key's repr, `'k'`, not `k`. */
  override __str__(): string {
    return this.args.length === 1 ? reprHook(this.args[0]) : super.__str__();
  }
}
export class IndexError extends LookupError {
  static override pyName = "IndexError";
}
export class NameError extends Exception {
  static override pyName = "NameError";
}
export class OSError extends Exception {
  static override pyName = "OSError";
}
/** The builtin TimeoutError (since 3.11 `asyncio.TimeoutError` is this class). */
export class TimeoutError extends OSError {
  static override pyName = "TimeoutError";
}
export class RuntimeError extends Exception {
  static override pyName = "RuntimeError";
}
export class NotImplementedError extends RuntimeError {
  static override pyName = "NotImplementedError";
}
export class RecursionError extends RuntimeError {
  static override pyName = "RecursionError";
}
export class StopIteration extends Exception {
  static override pyName = "StopIteration";
}
export class StopAsyncIteration extends Exception {
  static override pyName = "StopAsyncIteration";
}
export class TypeError extends Exception {
  static override pyName = "TypeError";
}
export class ValueError extends Exception {
  static override pyName = "ValueError";
}
export class KeyboardInterrupt extends BaseException {
  static override pyName = "KeyboardInterrupt";
}
export class SystemExit extends BaseException {
  static override pyName = "SystemExit";
}

// ---------------------------------------------------------------- asyncio.exceptions

/** Derives from BaseException (not Exception) since Python 3.8, so `except Exception` misses it. */
export class CancelledError extends BaseException {
  static override pyName = "CancelledError";
  static override pyModule = "asyncio.exceptions";
}
export class InvalidStateError extends Exception {
  static override pyName = "InvalidStateError";
  static override pyModule = "asyncio.exceptions";
}
export class QueueEmpty extends Exception {
  static override pyName = "QueueEmpty";
  static override pyModule = "asyncio.queues";
}
export class QueueFull extends Exception {
  static override pyName = "QueueFull";
  static override pyModule = "asyncio.queues";
}

/**
 * Not Python's: raised out of the loop when, on the virtual clock, nothing is ready and no
 * timer is pending (CPython would block forever). The host has already reported it.
 */
export class Deadlock extends BaseException {
  static override pyName = "Deadlock";
  static override pyModule = "asyncio";
}

/**
 * A class's Python name: its own `pyName`, or for a reader's subclass
 * (`class MyError extends Exception {}`) its JavaScript name, as Python uses `__qualname__`.
 */
function classPyName(cls: Function): string {
  return Object.hasOwn(cls, "pyName") ? (cls as unknown as PyExceptionClass).pyName : cls.name;
}

/** The Python class name of any thrown value (`Error` for a plain JavaScript Error). */
export function pyClassName(e: unknown): string {
  if (e instanceof BaseException) return classPyName(e.constructor);
  if (e instanceof Error) return e.name || "Error";
  return typeof e;
}

/** The name as a traceback's last line writes it: module-qualified except for builtins. */
export function pyQualifiedName(e: unknown): string {
  if (e instanceof BaseException) {
    // A reader's subclass lives in `__main__`, which tracebacks leave out, as for builtins.
    const cls = e.constructor;
    const mod = Object.hasOwn(cls, "pyModule") ? (cls as unknown as PyExceptionClass).pyModule : "";
    return mod ? `${mod}.${classPyName(cls)}` : classPyName(cls);
  }
  return pyClassName(e);
}
