/**
 * Monaco writes its dynamic styles (theme colours, decorations) into `<style>` elements it
 * appends to <head>, and inserts single rules with `style.sheet.insertRule()`. The site's CSP
 * hashes its inline styles, so the browser would refuse every such element (and log a CSP
 * violation for each). Constructed stylesheets (`new CSSStyleSheet()` in
 * `document.adoptedStyleSheets`) are CSSOM, which CSP does not govern. So while the editor is
 * loaded, a `<style>` appended anywhere is not inserted: its text goes into a constructed
 * sheet that follows the element's later text changes, `style.sheet` answers with that sheet,
 * and `style.remove()` takes it away again.
 *
 * Anywhere, not only <head>: Monaco's lists (the completion list among them) put their
 * focus and selection colours in a `<style>` inside the list's own node, and its context views
 * in others; refused, the focused completion would not be highlighted. Monaco's selectors
 * carry the widget's unique id, so a document-wide sheet styles exactly what the element
 * would have (a style element in the light DOM is document-wide anyway). One inside a shadow
 * root goes into that root's adopted sheets.
 */
const styleOf = (node: Node | null): HTMLStyleElement | null => {
  for (let n = node; n !== null; n = n.parentNode) if (n instanceof HTMLStyleElement) return n;
  return null;
};

const textChanges = new MutationObserver((records) => {
  for (const r of records) {
    const style = styleOf(r.target);
    const mirror = style && mirrors.get(style);
    if (style && mirror) mirror.sheet.replaceSync(style.textContent ?? "");
  }
});

/** Where a style appended to `parent` would apply: its shadow root, else the document. */
const scopeOf = (parent: Node): Document | ShadowRoot => {
  const root = parent.getRootNode();
  return root instanceof ShadowRoot ? root : document;
};

const mirrors = new Map<HTMLStyleElement, { sheet: CSSStyleSheet; scope: Document | ShadowRoot }>();

function adopt(style: HTMLStyleElement, scope: Document | ShadowRoot): void {
  if (mirrors.has(style)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(style.textContent ?? "");
  mirrors.set(style, { sheet, scope });
  scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
  textChanges.observe(style, { childList: true, characterData: true, subtree: true });
}

function drop(style: HTMLStyleElement): boolean {
  const mirror = mirrors.get(style);
  if (mirror === undefined) return false;
  mirrors.delete(style);
  mirror.scope.adoptedStyleSheets = mirror.scope.adoptedStyleSheets.filter((s) => s !== mirror.sheet);
  return true;
}

let installed = false;

/** Routes `<style>` elements appended anywhere into constructed sheets; call before Monaco loads. */
export function mirrorDynamicStyles(): void {
  if (installed) return;
  installed = true;
  const append = Node.prototype.appendChild;
  const insertBefore = Node.prototype.insertBefore;
  Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
    if (node instanceof HTMLStyleElement) {
      adopt(node, scopeOf(this));
      return node;
    }
    return append.call(this, node) as T;
  };
  Node.prototype.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
    if (node instanceof HTMLStyleElement) {
      adopt(node, scopeOf(this));
      return node;
    }
    return insertBefore.call(this, node, child) as T;
  };
  const remove = HTMLStyleElement.prototype.remove;
  HTMLStyleElement.prototype.remove = function (this: HTMLStyleElement) {
    if (!drop(this)) remove.call(this);
  };
  const sheet = Object.getOwnPropertyDescriptor(HTMLStyleElement.prototype, "sheet")?.get;
  if (sheet !== undefined) {
    Object.defineProperty(HTMLStyleElement.prototype, "sheet", {
      configurable: true,
      get(this: HTMLStyleElement) {
        return mirrors.get(this)?.sheet ?? (sheet.call(this) as CSSStyleSheet | null);
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
