/**
 * Limits on asking TypeScript for its verdict on the reader's code (issue 9): code longer
 * than MAX_SOURCE_CHARS is not sent, and an answer that takes longer than TYPECHECK_TIMEOUT_MS
 * is given up: the type checker's worker is ended (the next request starts a new one) and
 * the reader is told. The run never waits for this (types are erased).
 */
import type { CodeEditor, Diagnostic } from "./editor-types.ts";
import { MAX_SOURCE_CHARS } from "./limits.ts";

export const TYPECHECK_TIMEOUT_MS = 20_000;

const note = (text: string): Diagnostic => ({ line: 1, column: 1, length: 1, text, severity: "warning" });

export async function boundedTypeErrors(editor: CodeEditor | null, code: string): Promise<Diagnostic[]> {
  if (editor === null) return [];
  if (code.length > MAX_SOURCE_CHARS) return [note(`Not type-checked: longer than ${MAX_SOURCE_CHARS.toLocaleString("en-US")} characters.`)];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Diagnostic[]>((resolve) => {
    timer = setTimeout(() => {
      editor.restartTypeChecker?.();
      resolve([note(`Not type-checked: TypeScript took longer than ${TYPECHECK_TIMEOUT_MS / 1000} s (its worker was restarted).`)]);
    }, TYPECHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([editor.typeErrors(), late]);
  } finally {
    clearTimeout(timer);
  }
}
