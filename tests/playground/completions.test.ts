/** The order of the editor's completions (src/playground/completions.ts). */
import { expect, it } from "vitest";
import { rankedSortText } from "../../src/playground/completions.ts";

const order = (items: [label: string, sortText: string][]) =>
  items
    .map(([label, sortText]) => ({ label, key: rankedSortText(label, sortText) }))
    // Monaco compares sortText as strings (then labels).
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.label.localeCompare(b.label)))
    .map((i) => i.label);

it("puts a reader's likely names first, in their order, then the rest by name", () => {
  const members: [string, string][] = ["ALL_COMPLETED", "ArithmeticError", "sleep", "Queue", "run", "create_task", "wait_for"].map((l) => [l, "11"]);
  expect(order(members)).toEqual(["run", "create_task", "sleep", "wait_for", "Queue", "ALL_COMPLETED", "ArithmeticError"]);
});

it("keeps TypeScript's groups in their order (locals before globals)", () => {
  expect(order([["run", "15"], ["myLocal", "10"], ["Array", "15"]])).toEqual(["myLocal", "run", "Array"]);
});
