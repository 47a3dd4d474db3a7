/**
 * dom.ts: trees become nodes through createElement(NS), setAttribute and text nodes only, and
 * markup through escaping; names that are not plain tag or attribute names are refused. A fake
 * document records every call, so the test sees exactly what the browser would be asked to do.
 */
import { describe, expect, it } from "vitest";
import { SVG_NS, h, toDom, toMarkup } from "../../src/lifecycle/dom.ts";

type Call = [string, ...unknown[]];

function fakeDocument(calls: Call[]): Document {
  const node = (kind: string, name: string): Record<string, unknown> => {
    const n: Record<string, unknown> = {
      kind,
      name,
      children: [] as unknown[],
      setAttribute(k: string, v: string) {
        calls.push(["setAttribute", name, k, v]);
      },
      appendChild(c: unknown) {
        (n.children as unknown[]).push(c);
        return c;
      },
    };
    // a real element would parse this: the test fails if anything assigns it
    Object.defineProperty(n, "innerHTML", {
      set() {
        throw new Error("innerHTML assigned");
      },
    });
    return n;
  };
  return {
    createElement(tag: string) {
      calls.push(["createElement", tag]);
      return node("html", tag);
    },
    createElementNS(ns: string, tag: string) {
      calls.push(["createElementNS", ns, tag]);
      return node("svg", tag);
    },
    createTextNode(text: string) {
      calls.push(["createTextNode", text]);
      return { kind: "text", text };
    },
  } as unknown as Document;
}

const evil = `"><img src=x onerror=alert(1)><meta http-equiv="refresh" content="0;url=https://evil.example/">`;

describe("dom.ts", () => {
  it("builds nodes with createElement(NS), setAttribute and text nodes; hostile text stays text", () => {
    const calls: Call[] = [];
    const tree = h("div", { class: "lc-x", title: evil }, evil, h("svg", { width: 10 }, h("rect", { x: 1.234567, "data-seq": evil }, h("title", {}, evil))));
    toDom(fakeDocument(calls), tree);
    expect(calls).toEqual([
      ["createElement", "div"],
      ["setAttribute", "div", "class", "lc-x"],
      ["setAttribute", "div", "title", evil],
      ["createTextNode", evil],
      ["createElementNS", SVG_NS, "svg"],
      ["setAttribute", "svg", "width", "10"],
      ["createElementNS", SVG_NS, "rect"],
      ["setAttribute", "rect", "x", "1.23"],
      ["setAttribute", "rect", "data-seq", evil],
      ["createElementNS", SVG_NS, "title"],
      ["createTextNode", evil],
    ]);
  });

  it("escapes every text and attribute value in markup", () => {
    const html = toMarkup(h("p", { title: evil }, evil));
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<meta");
    expect(html).toBe(
      `<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;meta http-equiv=&quot;refresh&quot; content=&quot;0;url=https://evil.example/&quot;&gt;">` +
        `"&gt;&lt;img src=x onerror=alert(1)&gt;&lt;meta http-equiv="refresh" content="0;url=https://evil.example/"&gt;</p>`,
    );
  });

  it("refuses event-handler attributes and names that are not plain names", () => {
    const calls: Call[] = [];
    const doc = fakeDocument(calls);
    expect(() => toDom(doc, h("rect", { onclick: "alert(1)" }))).toThrow(/refusing attribute/);
    expect(() => toMarkup(h("rect", { "x onload": "1" }))).toThrow(/refusing attribute/);
    expect(() => toDom(doc, h("img src=x", {}))).toThrow(/refusing tag/);
  });

  it("writes non-finite numbers as 0, never as NaN or Infinity", () => {
    expect(toMarkup(h("rect", { x: Number.NaN, width: Number.POSITIVE_INFINITY }))).toBe('<rect x="0" width="0"></rect>');
  });
});
