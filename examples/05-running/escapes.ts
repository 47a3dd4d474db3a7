// Four runs of asyncio.run(). In the first three, main starts a task that raises
// and then sleeps; in the last one, main raises the exception itself.
import asyncio, { print, repr, BaseException, KeyboardInterrupt, SystemExit, ValueError } from "asyncio";

function* fails(exc: BaseException) {
  throw exc;
}

function* main(exc: BaseException, in_main: boolean) {
  if (in_main) {
    throw exc;
  }
  const task = asyncio.create_task(fails(exc));
  try {
    yield* asyncio.sleep(1);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) print("  main: cancelled while asyncio.run() cleans up");
    throw e;
  }
  print("  main: carried on; the task holds", repr(task.exception()));
}

const runs: [BaseException, boolean][] = [[new ValueError("bad"), false], [new SystemExit(3), false],
                                          [new KeyboardInterrupt(), false], [new ValueError("bad"), true]];
for (const [i, [exc, in_main]] of runs.entries()) {
  print(`run ${i + 1}:`, in_main ? "main raises" : "a task raises", repr(exc));
  try {
    await asyncio.run(main(exc, in_main));
    print("asyncio.run() returned");
  } catch (e) {
    print("asyncio.run() raised", repr(e));
  }
}
