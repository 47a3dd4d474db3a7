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
/** Raised by put/get on a queue that was shut down (3.13). */
export class QueueShutDown extends Exception {
  static override pyName = "QueueShutDown";
  static override pyModule = "asyncio.queues";
}
/** Raised by Barrier.wait() when the barrier is aborted or reset. */
export class BrokenBarrierError extends RuntimeError {
  static override pyName = "BrokenBarrierError";
  static override pyModule = "asyncio.exceptions";
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
  return Object.hasOwn(cls, "pyName") ? (cls as unknown as PyExceptionClass).pyName : sourceClassName(cls);
}

const sourceNames = new WeakMap<Function, string>();

/**
 * The name a class was declared with. Bundling (esbuild) turns `class MyError { ... MyError ... }`
 * into `var MyError = class _MyError { ... _MyError ... }` when the body refers to the class
 * itself, so `.name` says `_MyError`: an inner name that starts with `_` and is used inside the
 * class's own text is such a rename, and loses its added `_` (a reader's `_Private` that refers
 * to itself became `__Private`, and comes back right too).
 */
export function sourceClassName(cls: Function): string {
  const known = sourceNames.get(cls);
  if (known !== undefined) return known;
  let name = cls.name;
  if (name.startsWith("_")) {
    const text = Function.prototype.toString.call(cls);
    const header = /^class\s+([\w$]+)/.exec(text);
    if (header !== null && header[1] === name) {
      const escaped = name.replace(/\$/g, "\\$");
      if (new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).test(text.slice(header[0].length))) name = name.slice(1);
    }
  }
  sourceNames.set(cls, name);
  return name;
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

// ---------------------------------------------------------------- Python's truth value

/**
 * Python's `bool(x)` for the values a program hands to the runtime (a predicate's result in
 * `split`/`subgroup`, `Condition.wait_for`): `None`, `False`, zero, `""`, and empty lists,
 * dicts (Maps and plain objects) and sets are false; so is an object whose `__bool__()` is
 * false or whose `__len__()` is 0. Unlike JavaScript, Python's `nan` is true.
 */
export function truth(x: unknown): boolean {
  switch (typeof x) {
    case "undefined":
      return false;
    case "boolean":
      return x;
    case "number":
      return x !== 0;
    case "bigint":
      return x !== 0n;
    case "string":
      return x.length > 0;
    case "object": {
      if (x === null) return false;
      if (Array.isArray(x)) return x.length > 0;
      if (x instanceof Map || x instanceof Set) return x.size > 0;
      const o = x as { __bool__?: unknown; __len__?: unknown };
      if (typeof o.__bool__ === "function") return truth((o.__bool__ as () => unknown).call(x));
      if (typeof o.__len__ === "function") return truth((o.__len__ as () => unknown).call(x));
      const proto = Object.getPrototypeOf(x);
      if (proto === Object.prototype || proto === null) return Object.keys(x).length > 0;
      return true;
    }
    default:
      return true;
  }
}

// ---------------------------------------------------------------- exception groups (PEP 654)

/** Python's type name of a value, as CPython's argument errors write it (`int`, `NoneType`). */
function pyTypeName(x: unknown): string {
  if (x === null || x === undefined) return "NoneType";
  switch (typeof x) {
    case "number":
      return Number.isInteger(x) ? "int" : "float";
    case "string":
      return "str";
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "function":
      return "function";
    default:
      break;
  }
  if (Array.isArray(x)) return "list";
  if (x instanceof Set) return "set";
  if (x instanceof Map) return "dict";
  if (x instanceof BaseException) return classPyName(x.constructor);
  const proto = Object.getPrototypeOf(x);
  if (proto === Object.prototype || proto === null) return "dict";
  return (x as { constructor?: { name?: string } }).constructor?.name || "object";
}

/** A value Python would accept as an exception: ours, or any JavaScript Error. */
function isExceptionValue(x: unknown): x is Error {
  return x instanceof Error;
}

/** `isinstance(x, Exception)`: a plain JavaScript Error counts as an ordinary Exception. */
function isOrdinaryException(x: Error): boolean {
  return x instanceof Exception || !(x instanceof BaseException);
}

/**
 * How a derived group inherits the original's traceback (its frames, and whether it was
 * raised at all): traceback.ts installs it, as format.ts installs str/repr above.
 */
let copyTracebackHook: (from: Error, to: Error) => void = (from, to) => {
  to.stack = from.stack;
};
export function installTracebackCopier(fn: (from: Error, to: Error) => void): void {
  copyTracebackHook = fn;
}

/** An exception class, for `split`, `subgroup` and `except_star`. */
export type ExceptionClass = abstract new (...args: never[]) => Error;
/**
 * What `split`/`subgroup`/`except_star` match with, as in Python: an exception class, an
 * array of them (Python's tuple), or a predicate on one exception (its result is tested with
 * Python's truth rules).
 */
export type ExceptionMatcher = ExceptionClass | readonly ExceptionClass[] | ((e: BaseException) => unknown);

function isExceptionClass(x: unknown): x is ExceptionClass {
  return typeof x === "function" && (x === Error || (x as { prototype?: unknown }).prototype instanceof Error);
}

/** A class declared with `class` (Python would call it a type even if it is no exception). */
function isClass(x: unknown): boolean {
  return typeof x === "function" && /^class\b/.test(Function.prototype.toString.call(x));
}

/** `issubclass(cls, base)`, with ExceptionGroup a subclass of Exception. */
function isSubclass(cls: ExceptionClass, base: Function): boolean {
  return cls === base || (cls as { prototype: unknown }).prototype instanceof base;
}

type Matcher = (e: Error) => boolean;

const MATCHER_ERROR = "expected an exception type, a tuple of exception types, or a callable (other than a class)";

/** `_get_matcher_type` (Objects/exceptions.c): the test split() applies to each exception. */
function matcherOf(match: unknown): Matcher {
  if (isExceptionClass(match)) return (e) => e instanceof match;
  if (Array.isArray(match)) {
    if (!match.every(isExceptionClass)) throw new TypeError(MATCHER_ERROR);
    const classes = match as ExceptionClass[];
    return (e) => classes.some((c) => e instanceof c);
  }
  if (typeof match === "function" && !isClass(match)) {
    const pred = match as (e: Error) => unknown;
    return (e) => truth(pred(e));
  }
  throw new TypeError(MATCHER_ERROR);
}

interface SplitResult {
  match: Error | null;
  rest: Error | null;
}

/** `exceptiongroup_split_recursive`: the group itself is tested first, then each member. */
function splitRecursive(exc: Error, matches: Matcher, constructRest: boolean): SplitResult {
  if (matches(exc)) return { match: exc, rest: null };
  if (!(exc instanceof BaseExceptionGroup)) return { match: null, rest: constructRest ? exc : null };
  const matched: Error[] = [];
  const rest: Error[] = [];
  for (const e of exc.exceptions as readonly Error[]) {
    const r = splitRecursive(e, matches, constructRest);
    if (r.match !== null) matched.push(r.match);
    if (r.rest !== null) rest.push(r.rest);
  }
  return { match: subset(exc, matched), rest: constructRest ? subset(exc, rest) : null };
}

/**
 * `exceptiongroup_subset`: `orig.derive(excs)` carrying orig's traceback, cause, context and
 * notes (setting the cause also sets `__suppress_context__`, as `PyException_SetCause` does).
 */
function subset(orig: BaseExceptionGroup, excs: Error[]): BaseExceptionGroup | null {
  if (excs.length === 0) return null;
  const eg: unknown = orig.derive(excs as BaseException[]);
  if (!(eg instanceof BaseExceptionGroup)) throw new TypeError("derive must return an instance of BaseExceptionGroup");
  copyTracebackHook(orig, eg);
  const from = orig as ChainFields;
  const to = eg as ChainFields;
  to.__context__ = from.__context__ ?? null;
  to.cause = from.cause ?? null;
  to.__suppress_context__ = true;
  if (Array.isArray(from.__notes__)) to.__notes__ = [...from.__notes__];
  return eg;
}

/** Python's exception chaining fields, as far as JavaScript errors carry them. */
export interface ChainFields {
  /** `__cause__` (`raise X from Y`): JavaScript's own `cause`. */
  cause?: unknown;
  /** `__context__`, when a program or the runtime sets it. */
  __context__?: unknown;
  __suppress_context__?: boolean;
  __notes__?: unknown;
}

/**
 * `BaseExceptionGroup(message, exceptions)` (PEP 654, Python 3.11+). `new BaseExceptionGroup`
 * whose members are all `Exception`s gives an `ExceptionGroup`, as Python's `__new__` does;
 * `exceptions` is a frozen copy (Python's tuple), while `args` keeps the sequence as given, so
 * the repr writes a list: `ExceptionGroup('m', [ValueError('x')])`.
 */
export class BaseExceptionGroup<E extends BaseException = BaseException> extends BaseException {
  static override pyName = "BaseExceptionGroup";
  readonly exceptions!: E[];
  /** The repr writes a tuple (when `except*` wrapped a bare exception) rather than a list. */
  _tupleRepr = false;

  constructor(message: string, exceptions: E[]) {
    // BaseExceptionGroup.__new__'s checks, in its order, with its words.
    const cls = new.target;
    if (arguments.length !== 2) throw new TypeError(`BaseExceptionGroup.__new__() takes exactly 2 arguments (${arguments.length} given)`);
    if (typeof message !== "string") throw new TypeError(`BaseExceptionGroup.__new__() argument 1 must be str, not ${pyTypeName(message)}`);
    const items: unknown[] = typeof (exceptions as unknown) === "string" ? [...(exceptions as unknown as string)] : exceptions;
    if (!Array.isArray(items)) throw new TypeError("second argument (exceptions) must be a sequence");
    if (items.length === 0) throw new ValueError("second argument (exceptions) must be a non-empty sequence");
    let nestedBase = false;
    items.forEach((e, i) => {
      if (!isExceptionValue(e)) throw new ValueError(`Item ${i} of second argument (exceptions) is not an exception`);
      if (!isOrdinaryException(e)) nestedBase = true;
    });
    if (cls === BaseExceptionGroup) {
      if (!nestedBase) return new ExceptionGroup(message, exceptions as unknown as Exception[]) as unknown as BaseExceptionGroup<E>;
    } else if (nestedBase && isSubclass(cls as unknown as ExceptionClass, Exception)) {
      throw new TypeError(cls === ExceptionGroup ? "Cannot nest BaseExceptions in an ExceptionGroup" : `Cannot nest BaseExceptions in '${classPyName(cls)}'`);
    }
    super(message, exceptions);
    this.message = message;
    this.exceptions = tuple(items as E[]);
  }

  /** `msg (N sub-exceptions)`. */
  override __str__(): string {
    const n = this.exceptions.length;
    return `${this.message} (${n} sub-exception${n > 1 ? "s" : ""})`;
  }

  override __repr__(): string {
    if (!this._tupleRepr) return super.__repr__();
    return `${classPyName(this.constructor)}(${reprHook(this.message)}, ${reprHook(this.exceptions)})`;
  }

  /** The members that match (and the group's structure around them), or null. */
  subgroup(match: ExceptionMatcher): BaseExceptionGroup<E> | null {
    return splitRecursive(this, matcherOf(match), false).match as BaseExceptionGroup<E> | null;
  }

  /** Python's `(match, rest)` as an array; each is null for None. */
  split(match: ExceptionMatcher): [BaseExceptionGroup<E> | null, BaseExceptionGroup<E> | null] {
    const r = splitRecursive(this, matcherOf(match), true);
    return tuple([r.match, r.rest]) as [BaseExceptionGroup<E> | null, BaseExceptionGroup<E> | null];
  }

  /** A group of the same message around other exceptions (subclasses override it to keep their class). */
  derive(excs: E[]): BaseExceptionGroup<E> {
    return new BaseExceptionGroup<E>(this.message, excs);
  }
}

/** `ExceptionGroup`: a BaseExceptionGroup of `Exception`s, and itself an `Exception`. */
export class ExceptionGroup<E extends Exception = Exception> extends BaseExceptionGroup<E> {
  static override pyName = "ExceptionGroup";
}

// Their bodies name the class itself, which bundling renames (see sourceClassName): keep
// `.name` right for programs that print `e.constructor.name`.
Object.defineProperty(BaseExceptionGroup, "name", { value: "BaseExceptionGroup" });
Object.defineProperty(ExceptionGroup, "name", { value: "ExceptionGroup" });

// `ExceptionGroup(BaseExceptionGroup, Exception)` has two bases in Python; JavaScript has one
// prototype chain, so `instanceof Exception` (and issubclass through prototypes) learns it here.
const ordinaryInstanceOf = Function.prototype[Symbol.hasInstance];
Object.defineProperty(Exception, Symbol.hasInstance, {
  value: function (this: Function, x: unknown): boolean {
    if (ordinaryInstanceOf.call(this, x)) return true;
    if (this !== Exception || x === null || (typeof x !== "object" && typeof x !== "function")) return false;
    const eg = ExceptionGroup.prototype;
    return x === eg || Object.prototype.isPrototypeOf.call(eg, x);
  },
});

/**
 * A Python tuple handed out as a frozen array (`eg.exceptions`, `split()`'s pair): it is an
 * array for JavaScript (indexing, destructuring, `map`, which gives a plain array) and prints
 * as Python prints the tuple, `(ValueError('x'),)`.
 */
class PyTuple<T> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  __repr__(): string {
    const items = Array.prototype.map.call(this, (x: unknown) => reprHook(x)) as string[];
    return `(${items.join(", ")}${items.length === 1 ? "," : ""})`;
  }
}

function tuple<T>(items: readonly T[]): T[] {
  return Object.freeze(Object.setPrototypeOf([...items], PyTuple.prototype) as T[]) as T[];
}

/** `ExceptionGroup('', (e,))`: how `except*` wraps a bare exception it matched. */
function wrapBare(e: Error): BaseExceptionGroup {
  const eg = new BaseExceptionGroup("", [e as BaseException]);
  eg._tupleRepr = true;
  return eg;
}

const CANNOT_CATCH = "catching classes that do not inherit from BaseException is not allowed";
const CANNOT_EXCEPT_STAR_EG = "catching ExceptionGroup with except* is not allowed. Use except instead.";

/**
 * `except* match` applied to the raised value `error`: `[matched, rest]`, each null for None.
 * A group is split; a bare exception that matches is wrapped first, `ExceptionGroup('', (e,))`,
 * and one that does not match comes back unchanged as `rest` (CPython re-raises it as it is,
 * not wrapped). Several `except*` clauses chain on `rest`:
 *
 *     catch (e) {
 *       const [v, rest1] = except_star(e, ValueError);
 *       const [t, rest2] = rest1 ? except_star(rest1, TypeError) : [null, null];
 *       if (v) { ... }
 *       if (t) { ... }
 *       if (rest2) throw rest2;
 *     }
 *
 * `match` may also be a predicate (as for `split`), an extension of Python's syntax.
 */
export function except_star(error: unknown, match: ExceptionMatcher): [BaseExceptionGroup | null, BaseExceptionGroup | null] {
  // check_except_star_type_valid: checked before any matching, whatever was raised.
  const classes: unknown[] = Array.isArray(match) ? match : isClass(match) || isExceptionClass(match) ? [match] : [];
  for (const c of classes) if (!isExceptionClass(c)) throw new TypeError(CANNOT_CATCH);
  if (classes.some((c) => isSubclass(c as ExceptionClass, BaseExceptionGroup))) throw new TypeError(CANNOT_EXCEPT_STAR_EG);
  if (classes.length === 0 && typeof match !== "function") throw new TypeError(CANNOT_CATCH);
  const matches = matcherOf(match);
  if (!isExceptionValue(error)) return [null, error as BaseExceptionGroup];
  if (matches(error)) return [error instanceof BaseExceptionGroup ? error : wrapBare(error), null];
  if (!(error instanceof BaseExceptionGroup)) return [null, error as BaseExceptionGroup];
  const r = splitRecursive(error, matches, true);
  return [r.match as BaseExceptionGroup | null, r.rest as BaseExceptionGroup | null];
}
