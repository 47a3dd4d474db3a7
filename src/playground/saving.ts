/**
 * Saving and sharing an example's code: edits are saved as they are typed (storage.ts holds
 * the keys and the storage calls), Share puts the code in a link, and a share link in the
 * address bar is read once when the page opens. lz-string is loaded only for Share; a shared
 * link is read by share.ts (bounded, in a worker).
 */
import { loadEdit, parseShareHash, saveEdit, shareHash } from "./storage.ts";

/** Saves one example's edit, debounced; a keystroke still waiting is written when the page goes away. */
export class EditSaver {
  private timer: number | undefined;
  private pending: string | null = null;
  private readonly key: string;

  constructor(key: string) {
    this.key = key;
    addEventListener("pagehide", () => {
      if (this.timer !== undefined) this.flush();
    });
  }

  /** The saved edit, if any. */
  load(): string | null {
    return loadEdit(this.key);
  }

  /** Saves `code` soon (a short debounce keeps a burst of keystrokes to one write); null forgets the edit. */
  schedule(code: string | null): void {
    clearTimeout(this.timer);
    this.pending = code;
    this.timer = window.setTimeout(() => this.flush(), 150);
  }

  /** Forgets the saved edit now (and any write still waiting). */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    saveEdit(this.key, null);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    saveEdit(this.key, this.pending);
  }
}

/** The share link for this example in the address bar, if there is one: its packed code. */
export function sharedCodeFor(id: string): string | null {
  const shared = parseShareHash(location.hash);
  return shared !== null && shared.id === id ? shared.packed : null;
}

/** A share link in the address bar that shows this example's code no longer describes it. */
export function forgetShareLink(id: string): void {
  if (sharedCodeFor(id) !== null) history.replaceState(null, "", location.pathname + location.search);
}

/** Puts a link to this code in the address bar and the clipboard; returns what to tell the reader. */
export async function share(id: string, code: string): Promise<string> {
  const { shareRefusal } = await import("./share.ts");
  const refused = shareRefusal(code);
  if (refused !== null) return refused;
  const { compressToEncodedURIComponent } = await import("lz-string");
  history.replaceState(null, "", shareHash(id, compressToEncodedURIComponent(code)));
  try {
    await navigator.clipboard.writeText(location.href);
    return "Link copied: it opens this example with this code.";
  } catch {
    return "The link to this code is now in the address bar.";
  }
}

/**
 * The code a share link carries, or why it cannot be read. A link is untrusted: share.ts
 * bounds its size and what it unpacks to, off the page's thread (issue 9).
 */
export async function unpackShared(packed: string): Promise<{ code: string } | { error: string }> {
  const { readSharedCode } = await import("./share.ts");
  return readSharedCode(packed);
}
