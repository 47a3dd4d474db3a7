/**
 * Markup without HTML strings. The view's layout functions return light trees (`VNode`s) that are
 * pure data, so that they can be unit-tested in Node; `toDom` turns a tree into nodes with
 * `createElement(NS)`, `setAttribute` and text nodes, and `toMarkup` serialises it, escaping
 * every text and attribute value, for build-time HTML (the overview chapter's static diagram).
 *
 * Nothing here parses markup: a value that came from a program (a task's name, a repr, a
 * forged event's "number") can only ever become text or an attribute value, never an element
 * (issue 9). Tag and attribute names come from this code, never from data, and are checked
 * anyway.
 */

export type Child = VNode | string;

export interface VNode {
  tag: string;
  attrs: Record<string, string | number>;
  children: Child[];
}

export const SVG_NS = "http://www.w3.org/2000/svg";

const NAME = /^[a-zA-Z][a-zA-Z0-9:-]*$/;

/** names already checked (a few dozen distinct ones, used thousands of times) */
const checked = new Set<string>();

function checkName(kind: string, name: string): void {
  if (checked.has(name)) return;
  // event-handler attributes (onload=...) are the one way an attribute runs script
  if (!NAME.test(name) || /^on/i.test(name)) throw new Error(`refusing ${kind} name ${JSON.stringify(name)}`);
  if (checked.size < 500) checked.add(name);
}

/** A tree node; `null`/`false` children are dropped, so that optional parts read naturally. */
export function h(tag: string, attrs: Record<string, string | number | null | undefined> = {}, ...children: (Child | null | false | undefined)[]): VNode {
  const a: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) a[k] = v;
  return { tag, attrs: a, children: children.filter((c): c is Child => c !== null && c !== false && c !== undefined) };
}

/** An attribute value as it is written: numbers rounded to what a pixel can show. */
export function attrValue(v: string | number): string {
  if (typeof v === "string") return v;
  if (!Number.isFinite(v)) return "0";
  return String(Math.round(v * 100) / 100);
}

/** Build DOM nodes from a tree: SVG elements (from `<svg>` down) in the SVG namespace. */
export function toDom(doc: Document, node: VNode, inSvg = false): Element {
  checkName("tag", node.tag);
  const svg = inSvg || node.tag === "svg";
  const e = svg ? doc.createElementNS(SVG_NS, node.tag) : doc.createElement(node.tag);
  for (const [k, v] of Object.entries(node.attrs)) {
    checkName("attribute", k);
    // createElementNS already put it in the SVG namespace; xmlns is for serialised markup
    if (k === "xmlns") continue;
    e.setAttribute(k, attrValue(v));
  }
  for (const c of node.children) e.appendChild(typeof c === "string" ? doc.createTextNode(c) : toDom(doc, c, svg));
  return e;
}

/** Build every tree of a list into a fragment. */
export function toFragment(doc: Document, nodes: readonly VNode[], inSvg = false): DocumentFragment {
  const f = doc.createDocumentFragment();
  for (const n of nodes) f.appendChild(toDom(doc, n, inSvg));
  return f;
}

export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;");
}

/** Serialise a tree to markup, every text and attribute value escaped. */
export function toMarkup(node: VNode): string {
  checkName("tag", node.tag);
  let out = `<${node.tag}`;
  for (const [k, v] of Object.entries(node.attrs)) {
    checkName("attribute", k);
    out += ` ${k}="${escapeAttr(attrValue(v))}"`;
  }
  out += ">";
  for (const c of node.children) out += typeof c === "string" ? escapeText(c) : toMarkup(c);
  return `${out}</${node.tag}>`;
}

/** `createElement` with attributes and text, for the view's fixed chrome. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
