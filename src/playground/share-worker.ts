/**
 * Decodes a share link's code off the page's thread (share.ts starts it, and stops it after
 * SHARE_TIMEOUT_MS): `{ packed, maxChars }` in, `{ code }` or `{ error: "long" | "invalid" }` out.
 */
import { TooLong, decodeShared } from "./share-decode.ts";

interface Scope {
  onmessage: ((e: MessageEvent<{ packed: string; maxChars: number }>) => void) | null;
  postMessage(message: { code: string } | { error: "long" | "invalid" }): void;
}
const scope = globalThis as unknown as Scope;

scope.onmessage = (e) => {
  const { packed, maxChars } = e.data;
  try {
    const code = decodeShared(packed, maxChars);
    scope.postMessage(code === null || code === "" ? { error: "invalid" } : { code });
  } catch (error) {
    scope.postMessage({ error: error instanceof TooLong ? "long" : "invalid" });
  }
};
