/**
 * Loading the editor on Edit: Monaco on desktops, the plain textarea on touch or narrow
 * screens (Monaco does not support mobile browsers). The compiler's module starts loading at
 * once; its warm-up (the wasm's download and compilation, a first build) starts only once
 * the editor is usable (`warmCompiler`), so that the two do not compete for the cores.
 */
import type { CodeEditor, EditorOptions } from "./editor-types.ts";
import { describeFailure } from "./running.ts";

/** Narrow or touch screens get a plain textarea: Monaco does not support mobile browsers. */
export const wantsPlainEditor = () => matchMedia("(pointer: coarse), (max-width: 40em)").matches;

/**
 * The keyboard shortcuts, told only where there is likely a keyboard: a phone has no Ctrl
 * key, and telling its reader "Ctrl+Enter runs" only puzzles.
 */
export function keyHint(): string {
  return matchMedia("(pointer: coarse)").matches ? "" : "Ctrl+Enter runs, Escape stops.";
}

export interface LoadedEditor {
  editor: CodeEditor;
  /** Call once the editor is shown: warms the compiler up and says when Run is ready. */
  warmCompiler(): void;
}

/** Creates the editor in `host`; its progress, then the compiler's, goes to `options.onProgress`. */
export async function loadEditor(host: HTMLElement, options: EditorOptions): Promise<LoadedEditor> {
  const setStatus = options.onProgress;
  const plainEditor = wantsPlainEditor();
  const compiler = import("./compile.ts");
  // If the editor cannot load, the compiler's failure is not news (the caller reports one).
  compiler.catch(() => {});
  setStatus(plainEditor ? "Opening the editor…" : "Loading the editor (1/3)…");
  const { createEditor } = plainEditor ? await import("./textarea.ts") : await import("./monaco.ts");
  const editor = await createEditor(host, options);
  const warmCompiler = () =>
    void compiler
      .then((c) => c.warmUp(setStatus))
      .then(() => setStatus(keyHint() === "" ? "Ready: press Run to run your code." : `Ready: ${keyHint()}`))
      .catch((error: unknown) => setStatus(describeFailure("The compiler", error).status));
  return { editor, warmCompiler };
}
