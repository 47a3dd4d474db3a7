/**
 * Share links are untrusted input (issue 9): a link is refused, with a message, when its
 * packed code is longer than MAX_SHARE_LINK characters; otherwise it is decoded in a worker
 * (share-worker.ts) that stops at MAX_SOURCE_CHARS characters of code and is stopped after
 * SHARE_TIMEOUT_MS. Nothing of a link is run, and what is read is shown as text.
 */
import { scriptUrl } from "../security/trusted-types.ts";
import shareWorkerUrl from "./share-worker.ts?worker&url";
import { MAX_SOURCE_CHARS } from "./limits.ts";

/** Longest packed code read from a link (characters of the URL's hash). */
export const MAX_SHARE_LINK = 100_000;
/** Longest a link may take to decode. */
export const SHARE_TIMEOUT_MS = 3000;

export type SharedCode = { code: string } | { error: string };

const kb = (chars: number) => `${Math.ceil(chars / 1000).toLocaleString("en-US")} KB`;

/** Decodes a link's packed code, within the limits above; says why not in words. */
export function readSharedCode(packed: string): Promise<SharedCode> {
  if (packed.length > MAX_SHARE_LINK) {
    return Promise.resolve({
      error: `The shared link is too long to open (${kb(packed.length)}; links up to ${kb(MAX_SHARE_LINK)} are read).`,
    });
  }
  return new Promise((resolve) => {
    const worker = new Worker(scriptUrl(shareWorkerUrl), { type: "module", name: "share-link" });
    const done = (result: SharedCode) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => done({ error: `The shared link's code could not be read: decoding it took longer than ${SHARE_TIMEOUT_MS / 1000} s.` }),
      SHARE_TIMEOUT_MS,
    );
    worker.onmessage = (e: MessageEvent<{ code?: unknown; error?: unknown }>) => {
      const { code, error } = e.data;
      if (typeof code === "string" && code.length <= MAX_SOURCE_CHARS) done({ code });
      else if (error === "long") {
        done({ error: `The shared link's code could not be read: it unpacks to more than ${MAX_SOURCE_CHARS.toLocaleString("en-US")} characters.` });
      } else done({ error: "The shared link's code could not be read: the link is damaged." });
    };
    worker.onerror = (e) => {
      e.preventDefault();
      done({ error: "The shared link's code could not be read." });
    };
    worker.postMessage({ packed, maxChars: MAX_SOURCE_CHARS });
  });
}

/** Whether code may be put in a share link; a message when it may not. */
export function shareRefusal(code: string): string | null {
  return code.length > MAX_SOURCE_CHARS
    ? `This code is too long to share (${code.length.toLocaleString("en-US")} characters; up to ${MAX_SOURCE_CHARS.toLocaleString("en-US")}).`
    : null;
}
