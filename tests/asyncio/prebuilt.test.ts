/**
 * The page's prebuilt example bundles (src/playground/build-assets.ts, issue 12): each holds
 * only its example's lines, with "asyncio" imported from the placeholder that the worker
 * points at the one runtime module the site serves; run that way (runtime module beside the
 * bundle, as the worker does), an example prints what the command line prints.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildExampleBundle, buildRuntimeModule, listExamples } from "../../src/playground/build-assets.ts";
import { RUNTIME_PLACEHOLDER } from "../../src/playground/protocol.ts";

const root = resolve(import.meta.dirname, "../..");

describe("prebuilt example bundles", async () => {
  const id = (await listExamples(root))[0]!;
  const bundle = JSON.parse(await buildExampleBundle(root, id)) as { code: string; map: string };
  const runtime = await buildRuntimeModule(root);

  it("leave the runtime out: it is one module shared by every example", () => {
    expect(bundle.code).toContain(JSON.stringify(RUNTIME_PLACEHOLDER));
    expect(bundle.code).not.toContain("class BaseEventLoop");
    expect(bundle.code.length).toBeLessThan(runtime.length / 5);
    expect((JSON.parse(bundle.map) as { sources: string[] }).sources).toEqual(["main.ts"]);
  });

  it("run with the runtime module as the worker runs them, and print what the CLI prints", () => {
    const dir = mkdtempSync(join(tmpdir(), "prebuilt-"));
    writeFileSync(join(dir, "asyncio.mjs"), runtime);
    const code = bundle.code.split(JSON.stringify(RUNTIME_PLACEHOLDER)).join(JSON.stringify(pathToFileURL(join(dir, "asyncio.mjs")).href));
    writeFileSync(join(dir, "main.mjs"), code);
    const page = spawnSync(process.execPath, [join(dir, "main.mjs")], { encoding: "utf8" });
    const cli = spawnSync(process.execPath, [join(root, "src/cli/example.ts"), join(root, "examples", `${id}.ts`)], { encoding: "utf8" });
    expect(page.stdout.replace(/main\.ts/g, "FILE")).toBe(cli.stdout.replace(/[\w-]+\.ts/g, "FILE"));
  });
});
