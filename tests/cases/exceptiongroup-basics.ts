// Exception groups: construction, str/repr, split/subgroup/derive, and except* on groups and bare exceptions.
import asyncio, { print, repr, str } from "asyncio";

class MyGroup extends asyncio.ExceptionGroup {
  override derive(excs: asyncio.Exception[]): MyGroup {
    return new MyGroup(this.message + "+", excs);
  }
}

function show(label: string, value: unknown) {
  print(label, repr(value));
}

function main() {
  const eg = new asyncio.ExceptionGroup("many", [
    new asyncio.ValueError(1),
    new asyncio.TypeError(2),
    new asyncio.ExceptionGroup("inner", [new asyncio.ValueError(3), new asyncio.KeyError(4)]),
  ]);
  print(str(eg), "|", eg.exceptions.length, "|", eg.message);
  show("repr:", eg);
  print("is Exception:", eg instanceof asyncio.Exception, "| is BaseExceptionGroup:", eg instanceof asyncio.BaseExceptionGroup);
  show("exceptions:", eg.exceptions);
  const [match, rest] = eg.split(asyncio.ValueError);
  show("split match:", match);
  show("split rest:", rest);
  show("split all:", eg.split(asyncio.Exception));
  show("split tuple:", eg.split([asyncio.KeyError, asyncio.TypeError]));
  show("subgroup none:", eg.subgroup(asyncio.KeyboardInterrupt));
  show("subgroup pred:", eg.subgroup((e) => e instanceof asyncio.ValueError && (e.args[0] as number) > 1));
  show("subgroup whole:", eg.subgroup((e) => e instanceof asyncio.ExceptionGroup && e.message === "many") === eg);
  show("subgroup falsy:", eg.subgroup(() => 0));
  show("derive:", eg.derive([new asyncio.KeyError("d")]));
  const base = new asyncio.BaseExceptionGroup("auto", [new asyncio.ValueError("v")]);
  print("BaseExceptionGroup of Exceptions is", base instanceof asyncio.ExceptionGroup ? "ExceptionGroup" : "BaseExceptionGroup");
  const mixed = new asyncio.BaseExceptionGroup("mixed", [new asyncio.ValueError("v"), new asyncio.KeyboardInterrupt()]);
  print("with a KeyboardInterrupt it stays", mixed instanceof asyncio.ExceptionGroup ? "ExceptionGroup" : "BaseExceptionGroup", "| is Exception:", mixed instanceof asyncio.Exception);
  const mine = new MyGroup("mine", [new asyncio.ValueError(1), new asyncio.TypeError(2)]);
  show("subclass split:", mine.split(asyncio.ValueError));
  for (const make of [
    () => new asyncio.ExceptionGroup("x", []),
    () => new asyncio.ExceptionGroup("x", [1 as unknown as asyncio.Exception]),
    () => new asyncio.ExceptionGroup("x", [new asyncio.KeyboardInterrupt() as asyncio.Exception]),
    () => new asyncio.ExceptionGroup(3 as unknown as string, [new asyncio.ValueError()]),
    () => eg.split(3 as unknown as typeof asyncio.ValueError),
  ]) {
    try {
      make();
    } catch (e) {
      if (!(e instanceof asyncio.TypeError || e instanceof asyncio.ValueError)) throw e;
      print(e.name + ":", e);
    }
  }

  try {
    throw eg;
  } catch (e) {
    const [v, rest1] = asyncio.except_star(e, asyncio.ValueError);
    const [t, rest2] = rest1 ? asyncio.except_star(rest1, asyncio.TypeError) : [null, null];
    const [k, rest3] = rest2 ? asyncio.except_star(rest2, asyncio.KeyError) : [null, null];
    if (v) show("except* ValueError:", v);
    if (t) show("except* TypeError:", t);
    if (k) show("except* KeyError:", k);
    if (rest3) throw rest3;
  }

  try {
    throw new asyncio.ValueError("bare");
  } catch (e) {
    const [v, rest] = asyncio.except_star(e, asyncio.ValueError);
    if (v) {
      show("bare wrapped:", v);
      show("its exceptions:", v.exceptions);
    }
    if (rest) throw rest;
  }

  try {
    try {
      throw new asyncio.TypeError("not matched");
    } catch (e) {
      const [v, rest] = asyncio.except_star(e, asyncio.ValueError);
      if (v) print("not reached");
      if (rest) throw rest;
    }
  } catch (e) {
    if (!(e instanceof asyncio.TypeError)) throw e;
    show("bare unmatched passes through:", e);
  }

  try {
    try {
      throw eg;
    } catch (e) {
      const [k, rest] = asyncio.except_star(e, asyncio.KeyError);
      if (k) print("KeyError handled");
      if (rest) throw rest;
    }
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    show("the rest goes on:", e);
  }

  try {
    try {
      throw eg;
    } catch (e) {
      asyncio.except_star(e, asyncio.ExceptionGroup);
    }
  } catch (e) {
    if (!(e instanceof asyncio.TypeError)) throw e;
    print("TypeError:", e);
  }
}

main();
