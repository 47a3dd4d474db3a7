/**
 * Monaco writes its dynamic styles (theme colours, decorations) into `<style>` elements it
 * appends to <head>, and inserts single rules with `style.sheet.insertRule()`. The site's CSP
 * hashes its inline styles, so the browser would refuse every such element (and log a CSP
 * violation for each). Constructed stylesheets (`new CSSStyleSheet()` in
 * `document.adoptedStyleSheets`) are CSSOM, which CSP does not govern. So while the editor is
 * loaded, a `<style>` appended to <head> is not inserted: its text goes into a constructed
 * sheet that follows the element's later text changes, `style.sheet` answers with that sheet,
 * and `style.remove()` takes it away again.
 */
const mirrors = new Map<HTMLStyleElement, CSSStyleSheet>();

const styleOf = (node: Node | null): HTMLStyleElement | null => {
  for (let n = node; n !== null; n = n.parentNode) if (n instanceof HTMLStyleElement) return n;
  return null;
};

const textChanges = new MutationObserver((records) => {
  for (const r of records) {
    const style = styleOf(r.target);
    const sheet = style && mirrors.get(style);
    if (style && sheet) sheet.replaceSync(style.textContent ?? "");
  }
});

function adopt(style: HTMLStyleElement): void {
  if (mirrors.has(style)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(style.textContent ?? "");
  mirrors.set(style, sheet);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  textChanges.observe(style, { childList: true, characterData: true, subtree: true });
}

function drop(style: HTMLStyleElement): boolean {
  const sheet = mirrors.get(style);
  if (sheet === undefined) return false;
  mirrors.delete(style);
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  return true;
}

let installed = false;

/** Routes `<style>` elements appended to <head> into constructed sheets; call before Monaco loads. */
export function mirrorDynamicStyles(): void {
  if (installed) return;
  installed = true;
  const head = document.head;
  const append = head.appendChild.bind(head);
  const insertBefore = head.insertBefore.bind(head);
  Object.assign(head, {
    appendChild<T extends Node>(node: T): T {
      if (node instanceof HTMLStyleElement) {
        adopt(node);
        return node;
      }
      return append(node);
    },
    insertBefore<T extends Node>(node: T, child: Node | null): T {
      if (node instanceof HTMLStyleElement) {
        adopt(node);
        return node;
      }
      return insertBefore(node, child);
    },
  });
  const remove = HTMLStyleElement.prototype.remove;
  HTMLStyleElement.prototype.remove = function (this: HTMLStyleElement) {
    if (!drop(this)) remove.call(this);
  };
  const sheet = Object.getOwnPropertyDescriptor(HTMLStyleElement.prototype, "sheet")?.get;
  if (sheet !== undefined) {
    Object.defineProperty(HTMLStyleElement.prototype, "sheet", {
      configurable: true,
      get(this: HTMLStyleElement) {
        return mirrors.get(this) ?? (sheet.call(this) as CSSStyleSheet | null);
      },
    });
  }
}

/** Adds a stylesheet from text (Monaco's own CSS, loaded with ?inline) the CSP-proof way. */
export function adoptCss(css: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
