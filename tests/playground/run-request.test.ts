/** RunRequest.maxEvents (issue 13) as the runner reads it (src/playground/validate.ts). */
import { expect, it } from "vitest";
import { readRunnerCommand } from "../../src/playground/validate.ts";
import { MAX_FORWARDED_EVENTS } from "../../src/playground/protocol.ts";

const run = (extra: Record<string, unknown>) =>
  readRunnerCommand({ type: "run", runId: 1, code: "", map: "", clock: { kind: "virtual" }, ...extra });

it("accepts a whole number of events up to the cap, and no field at all", () => {
  expect(run({})).toMatchObject({ type: "run" });
  expect(run({})).not.toHaveProperty("maxEvents");
  expect(run({ maxEvents: 0 })).toMatchObject({ maxEvents: 0 });
  expect(run({ maxEvents: 2000 })).toMatchObject({ maxEvents: 2000 });
  expect(run({ maxEvents: MAX_FORWARDED_EVENTS })).toMatchObject({ maxEvents: MAX_FORWARDED_EVENTS });
});

it("refuses anything else", () => {
  for (const bad of [-1, 1.5, MAX_FORWARDED_EVENTS + 1, Number.NaN, Infinity, "5", null]) expect(run({ maxEvents: bad }), String(bad)).toBeNull();
});
