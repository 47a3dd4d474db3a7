/**
 * Monaco writes its dynamic styles (theme colours, decorations) into `<style>` elements it
 * creates, and inserts single rules with `style.sheet.insertRule()`. The site's CSP hashes
 * its inline styles, so the browser ignores any other `<style>` element (it gets no sheet),
 * and the editor would render without colours. Constructed stylesheets (`new CSSStyleSheet()`
 * in `document.adoptedStyleSheets`) are CSSOM, which CSP does not govern: each blocked
 * `<style>` is mirrored into one and kept in step as Monaco rewrites or removes it.
 */
const mirrors = new Map<HTMLStyleElement, CSSStyleSheet>();
const nativeSheet = Object.getOwnPropertyDescriptor(HTMLStyleElement.prototype, "sheet")?.get;

function blocked(style: HTMLStyleElement): boolean {
  return style.isConnected && nativeSheet !== undefined && nativeSheet.call(style) === null;
}

function sync(style: HTMLStyleElement): void {
  let sheet = mirrors.get(style);
  if (sheet === undefined) {
    if (!blocked(style)) return;
    sheet = new CSSStyleSheet();
    mirrors.set(style, sheet);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(style.textContent ?? "");
}

function drop(style: HTMLStyleElement): void {
  const sheet = mirrors.get(style);
  if (sheet === undefined) return;
  mirrors.delete(style);
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
}

let installed = false;

/** Starts mirroring blocked `<style>` elements in <head>; call before loading Monaco. */
export function mirrorDynamicStyles(): void {
  if (installed || nativeSheet === undefined) return;
  installed = true;
  const get = nativeSheet;
  Object.defineProperty(HTMLStyleElement.prototype, "sheet", {
    configurable: true,
    get(this: HTMLStyleElement) {
      // Mirror synchronously here: Monaco inserts rules right after appending the element,
      // before any MutationObserver callback could run.
      if (!mirrors.has(this)) sync(this);
      return mirrors.get(this) ?? (get.call(this) as CSSStyleSheet | null);
    },
  });
  const styleOf = (node: Node | null): HTMLStyleElement | null => {
    for (let n = node; n !== null; n = n.parentNode) if (n instanceof HTMLStyleElement) return n;
    return null;
  };
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.removedNodes) if (n instanceof HTMLStyleElement) drop(n);
      for (const n of r.addedNodes) if (n instanceof HTMLStyleElement) sync(n);
      // Text written into an existing <style> (Monaco's setStyle) arrives as a change below it.
      const owner = styleOf(r.target);
      if (owner !== null && owner.isConnected && mirrors.has(owner)) sync(owner);
    }
  }).observe(document.head, { childList: true, subtree: true, characterData: true });
}

/** Adds a stylesheet from text (Monaco's own CSS, loaded with ?inline) the CSP-proof way. */
export function adoptCss(css: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
