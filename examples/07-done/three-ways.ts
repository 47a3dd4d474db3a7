// Three ways to be done: a result, an exception, or cancellation. done() is True for
// all three; the repr and cancelled() say which one it was.
import asyncio, { print, repr, ValueError } from "asyncio";

function* succeed() {
  return "a result";
}

function* fail() {
  throw new ValueError("a failure");
}

function* linger() {
  yield* asyncio.sleep(3600);
}

function* main() {
  const ok = asyncio.create_task(succeed(), { name: "ok" });
  const bad = asyncio.create_task(fail(), { name: "bad" });
  const gone = asyncio.create_task(linger(), { name: "gone" });
  yield* asyncio.sleep(0);
  gone.cancel();
  yield* asyncio.wait<asyncio.Task>([ok, bad, gone]);
  for (const t of [ok, bad, gone]) {
    print(t);
    print("    done() =", t.done(), "| cancelled() =", t.cancelled());
  }
  print("bad.exception() ->", repr(bad.exception()));
}

asyncio.run(main());
