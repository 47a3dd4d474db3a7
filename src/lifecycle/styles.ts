/**
 * Styles of the live Life-cycle view, scoped under `.lc-view`. Kept as a string that the view
 * adopts once, as a constructed stylesheet, when it is first mounted: the view is loaded
 * lazily, and a CSS import would be hoisted by Astro into every reading page
 * (withastro/astro#9495); and the site's CSP refuses inline <style> elements and style=""
 * attributes, but does not govern constructed stylesheets (CSSOM). For the same reason the
 * view's markup carries classes, never style attributes.
 *
 * Light by default; dark under `prefers-color-scheme: dark` unless the page says
 * `data-theme="light"`, and whenever the root says `data-theme="dark"`.
 */
import DIAGRAM_CSS from "./diagram.css?raw";
import { HUES, NAME_W, ROW_H, RULER_H } from "./geometry.ts";

export { HUES, NAME_W, ROW_H, RULER_H };


// the page's own colours where it defines them (the site's theme.css), else these
const LIGHT = `
  --lc-bg: var(--bg, #ffffff); --lc-fg: var(--text, #1d2430); --lc-muted: var(--text-muted, #5b6472);
  --lc-line: var(--border, #c9ced6); --lc-soft: var(--bg-raised, #f2f4f7);
  --lc-running: #2563b8; --lc-scheduled: #6b7482; --lc-suspended: #b86e00; --lc-done: #1d2430;
  --lc-cancel: #b3261e; --lc-print: #0f7b45; --lc-callback: #6941c6; --lc-cursor: #d1242f;
  --lc-highlight: #ffe58a; --lc-marker-l: 42%;`;
const DARK = `
  --lc-bg: var(--bg, #161b22); --lc-fg: var(--text, #e6edf3); --lc-muted: var(--text-muted, #9aa4b2);
  --lc-line: var(--border, #3b4350); --lc-soft: var(--bg-raised, #1f2630);
  --lc-running: #6aa6ff; --lc-scheduled: #9aa4b2; --lc-suspended: #f0a43a; --lc-done: #e6edf3;
  --lc-cancel: #ff7b72; --lc-print: #4ac185; --lc-callback: #b197fc; --lc-cursor: #ff7b72;
  --lc-highlight: #6b5a12; --lc-marker-l: 68%;`;

const extra = `
/* options, legend, glossary */
.lc-view .lc-options { display: flex; flex-wrap: wrap; gap: .35rem 1.2rem; align-items: baseline; margin: 0 0 .6rem; font-size: 13px; }
.lc-view .lc-options label { cursor: pointer; }
.lc-view .lc-glossary summary { cursor: pointer; color: var(--lc-muted); }
.lc-view .lc-glossary dl { margin: .4rem 0 0; display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; font-size: 12.5px; }
.lc-view .lc-glossary dt { font-weight: 700; }
.lc-view .lc-glossary dd { margin: 0; }
.lc-view .lc-marker-legend { margin: .4rem 0 0; }
.lc-view .lc-tl-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3rem 1rem; }
.lc-view .lc-axis { display: flex; gap: .8rem; border: 0; padding: 0; margin: 0 0 .4rem; font-size: 12.5px; }
.lc-view .lc-axis legend { float: left; padding: 0; margin-right: .4rem; color: var(--lc-muted); }
.lc-view .lc-seg-running.lc-timer { fill: var(--lc-suspended); }
/* step mode tied to the code */
.lc-view .lc-trace { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: .75rem; margin-top: .75rem; }
@container (max-width: 40rem) { .lc-view .lc-trace { grid-template-columns: 1fr; } }
.lc-view .lc-trace h4 { margin: 0 0 .2rem; font-size: 12.5px; }
.lc-view .lc-trace .lc-code-box[hidden] { display: none; }
.lc-view .lc-trace .lc-code-box[hidden] + .lc-out-box { grid-column: 1 / -1; }
.lc-view .lc-hint { font-size: 12px; color: var(--lc-muted); margin: .1rem 0 .3rem; }
.lc-view .lc-code { margin: 0; padding: .3rem 0 .3rem 2.6rem; max-height: 18rem; overflow: auto; border: 1px solid var(--lc-line); border-radius: 6px;
  background: var(--lc-bg); font-size: 12.5px; line-height: 1.5; position: relative; }
.lc-view .lc-code li { padding: 0 .4rem; white-space: pre; color: var(--lc-fg); }
.lc-view .lc-code li::marker { color: var(--lc-muted); font-size: 11px; }
.lc-view .lc-code code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre; background: none; padding: 0; border: 0; font-size: inherit; }
.lc-view .lc-code li.lc-line-running { background: color-mix(in srgb, var(--lc-running) 22%, transparent); box-shadow: inset 3px 0 var(--lc-running); }
.lc-view .lc-code li.lc-line-waiting { background: color-mix(in srgb, var(--lc-suspended) 16%, transparent); box-shadow: inset 3px 0 var(--lc-suspended); }
.lc-view .lc-chips { margin-left: .8rem; }
.lc-view .lc-chip { display: inline-block; font: 11px/1.4 system-ui, sans-serif; padding: 0 .35rem; margin-right: .25rem; border-radius: 8px; white-space: nowrap;
  color: var(--lc-bg); background: hsl(var(--h) 70% var(--lc-marker-l)); }
.lc-view .lc-out { margin: 0; padding: .3rem .5rem; max-height: 18rem; min-height: 3em; overflow: auto; border: 1px solid var(--lc-line); border-radius: 6px;
  background: var(--lc-bg); font-size: 12.5px; white-space: pre-wrap; overflow-wrap: anywhere; }
.lc-view .lc-out .lc-out-last { background: var(--lc-highlight); }
@media (forced-colors: active) {
  .lc-view .lc-code li.lc-line-running, .lc-view .lc-code li.lc-line-waiting { outline: 2px solid CanvasText; }
  .lc-view .lc-chip { color: CanvasText; background: Canvas; border: 1px solid CanvasText; }
}
/* phones: the diagram keeps readable labels (it scrolls sideways rather than shrink below them) */
@container (max-width: 40rem) {
  .lc-view .lc-diagram-wrap { overflow-x: auto; }
  .lc-view .lc-diagram-wrap .lc-diagram { min-width: 640px; }
}
`;

const hueRules = Array.from({ length: HUES }, (_, i) => `.lc-view .lc-h${i} { --h: ${Math.round((i * 360) / HUES)}; }`).join("\n");

export const VIEW_CSS = `
.lc-view { ${LIGHT}
  color: var(--lc-fg); background: var(--lc-bg); border: 1px solid var(--lc-line); border-radius: 8px;
  padding: .75rem; margin-top: .75rem; font-size: 14px; line-height: 1.4; font-family: var(--font-body, system-ui, -apple-system, "Segoe UI", sans-serif);
  container-type: inline-size; }
@media (prefers-color-scheme: dark) { :root:not([data-theme="light"]) .lc-view { ${DARK} } }
:root[data-theme="dark"] .lc-view, .dark .lc-view { ${DARK} }
.lc-view * { box-sizing: border-box; }
/* each panel is laid out on its own: a change inside one (a step, a batch of events) does not
   lay out the others, nor the page */
.lc-view { contain: layout style; }
.lc-view .lc-diagram-wrap, .lc-view .lc-step, .lc-view .lc-tl-scroll, .lc-view .lc-table-wrap { contain: content; }
.lc-view h3 { font-size: 1rem; margin: 0 0 .4rem; }
.lc-view .lc-status { margin: 0 0 .5rem; font-weight: 600; }
.lc-view .lc-warning { margin: 0 0 .5rem; padding: .3rem .5rem; border-left: 3px solid var(--lc-cancel); background: var(--lc-soft); }
.lc-view .lc-warning[hidden] { display: none; }
.lc-view .lc-top { display: grid; grid-template-columns: minmax(0, 3fr) minmax(14rem, 2fr); gap: .75rem; align-items: start; }
/* the playground's column is narrower than the window: side by side only when the view is wide */
@container (max-width: 52rem) { .lc-view .lc-top { grid-template-columns: 1fr; } .lc-view .lc-diagram { max-width: 44rem; } }
.lc-view .lc-diagram { max-width: none; }
.lc-view .lc-counts { margin: .25rem 0 0; font-size: 12.5px; color: var(--lc-muted); }
.lc-view .lc-marker { stroke: var(--lc-bg); stroke-width: 1; fill: hsl(var(--h) 70% var(--lc-marker-l)); }
.lc-view .lc-marker.lc-exception, .lc-view .lc-marker.lc-cancelled { fill: none; stroke: hsl(var(--h) 70% var(--lc-marker-l)); stroke-width: 2; }
.lc-view .lc-markers g[data-task] { cursor: pointer; }
.lc-view .lc-marker-sel { fill: none; stroke: var(--lc-cursor); stroke-width: 2; }
.lc-view .lc-more { fill: var(--lc-fg); font-size: 10px; }
.lc-view .lc-badge rect { fill: var(--lc-fg); }
.lc-view .lc-badge text { fill: var(--lc-bg); font-size: 10.5px; font-weight: 700; }
.lc-view .lc-node.lc-active .lc-shape { stroke-width: 3.5; }
/* step mode */
.lc-view .lc-step { border: 1px solid var(--lc-line); border-radius: 6px; padding: .5rem; background: var(--lc-soft); }
.lc-view .lc-step-buttons { display: flex; flex-wrap: wrap; gap: .25rem; }
.lc-view button { font: inherit; font-size: 12.5px; color: var(--lc-fg); background: var(--lc-bg); border: 1px solid var(--lc-line);
  border-radius: 4px; padding: .2rem .45rem; cursor: pointer; }
.lc-view button:hover:not(:disabled) { border-color: var(--lc-fg); }
.lc-view button:disabled { opacity: .45; cursor: default; }
.lc-view button[aria-pressed="true"] { background: var(--lc-fg); color: var(--lc-bg); }
.lc-view :focus-visible { outline: 2px solid var(--lc-cursor); outline-offset: 2px; }
.lc-view .lc-scrub { width: 100%; margin: .4rem 0 .2rem; }
.lc-view .lc-frame { font-size: 13px; margin: .2rem 0 .4rem; min-height: 4.2em; }
.lc-view .lc-queues { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; font-size: 12.5px; }
.lc-view .lc-queues h4 { margin: 0 0 .2rem; font-size: 12.5px; }
.lc-view .lc-queues ol, .lc-view .lc-queues ul { margin: 0; padding-left: 1.3rem; max-height: 9.5rem; overflow: auto; }
.lc-view .lc-queues li { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 11.5px; overflow-wrap: anywhere; }
.lc-view .lc-queues li.lc-later { opacity: .7; }
.lc-view .lc-queues li.lc-later::after { content: " (next iteration)"; font-family: system-ui, sans-serif; font-style: italic; }
.lc-view .lc-queues .lc-empty { color: var(--lc-muted); font-style: italic; list-style: none; margin-left: -1.3rem; }
/* timeline */
.lc-view .lc-timeline { margin-top: .75rem; }
.lc-view .lc-legend { display: flex; flex-wrap: wrap; gap: .25rem .9rem; font-size: 12px; margin: 0 0 .35rem; padding: 0; list-style: none; }
.lc-view .lc-legend li { display: flex; align-items: center; gap: .3rem; }
.lc-view .lc-legend svg { width: 22px; height: 12px; overflow: visible; }
.lc-view .lc-tl-scroll { position: relative; overflow: auto; max-height: 22rem; border: 1px solid var(--lc-line); border-radius: 6px; background: var(--lc-bg); }
.lc-view .lc-tl-sizer { position: relative; }
.lc-view .lc-tl-ruler { position: sticky; top: 0; z-index: 2; display: flex; background: var(--lc-soft); border-bottom: 1px solid var(--lc-line); }
.lc-view .lc-tl-corner { position: sticky; left: 0; z-index: 3; flex: none; background: var(--lc-soft); font-size: 11px; color: var(--lc-muted); padding: 2px 6px; }
.lc-view .lc-tl-rows { position: absolute; left: 0; }
.lc-view .lc-tl-row { display: flex; height: ${ROW_H}px; border-bottom: 1px solid var(--lc-soft); }
.lc-view .lc-tl-corner, .lc-view .lc-tl-name { width: ${NAME_W}px; }
.lc-view .lc-tl-corner { height: ${RULER_H}px; }
.lc-view .lc-tl-name { position: sticky; left: 0; z-index: 2; flex: none; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; line-height: ${ROW_H}px;
  font-size: 12px; padding: 0 6px; background: var(--lc-bg); border-right: 1px solid var(--lc-line); }
.lc-view .lc-tl-row.lc-sel .lc-tl-name { font-weight: 700; }
.lc-view .lc-tl-row svg, .lc-view .lc-tl-ruler svg { flex: none; display: block; }
.lc-view .lc-tick { stroke: var(--lc-line); }
.lc-view .lc-tick-label { fill: var(--lc-muted); font-size: 10px; }
.lc-view .lc-tick-time { fill: var(--lc-fg); font-size: 10px; font-weight: 600; }
.lc-view .lc-seg-running { fill: var(--lc-running); }
.lc-view .lc-seg-scheduled { stroke: var(--lc-scheduled); stroke-width: 1; }
.lc-view .lc-seg-suspended { fill: none; stroke: var(--lc-suspended); stroke-width: 3; stroke-dasharray: 5 3; }
.lc-view .lc-seg-created { fill: none; stroke: var(--lc-scheduled); stroke-width: 1; }
.lc-view .lc-hit { fill: transparent; cursor: default; }
.lc-view .lc-end { fill: none; stroke: var(--lc-done); stroke-width: 1.8; }
.lc-view .lc-end-result { fill: var(--lc-done); }
.lc-view .lc-mark-cancel { fill: var(--lc-cancel); }
.lc-view .lc-mark-callback { fill: var(--lc-callback); }
.lc-view .lc-mark-print { fill: var(--lc-bg); stroke: var(--lc-print); stroke-width: 2; cursor: pointer; }
.lc-view .lc-mark-print.lc-highlight { fill: var(--lc-print); stroke: var(--lc-cursor); }
.lc-view .lc-active-item { stroke: var(--lc-cursor) !important; stroke-width: 2.5 !important; }
.lc-view .lc-tl-future { position: absolute; top: 0; z-index: 1; pointer-events: none; border-left: 2px solid var(--lc-cursor);
  background: color-mix(in srgb, var(--lc-bg) 70%, transparent); }
.lc-view .lc-tl-future[hidden] { display: none; }
.lc-view .lc-hatch-line { stroke: var(--lc-scheduled); stroke-width: 1.2; }
/* a fixed height: pointing at a lane changes the text, never the layout below it */
.lc-view .lc-details { font-size: 12.5px; height: 4.3em; overflow: auto; margin: .35rem 0 0; overflow-wrap: anywhere; }
.lc-view .lc-details code { font-size: 11.5px; }
.lc-view .lc-aggregate { font-size: 12px; color: var(--lc-muted); margin: .2rem 0; }
/* table */
.lc-view .lc-table-wrap { margin-top: .75rem; max-height: 24rem; overflow: auto; border: 1px solid var(--lc-line); border-radius: 6px; }
.lc-view table { display: table; border-collapse: collapse; width: 100%; margin: 0; font-size: 12.5px; table-layout: fixed; }
.lc-view th:nth-child(1) { width: 24%; } .lc-view th:nth-child(2) { width: 22%; } .lc-view th:nth-child(3) { width: 26%; }
.lc-view caption { text-align: left; font-weight: 700; padding: .35rem .5rem; }
.lc-view th, .lc-view td { text-align: left; padding: .2rem .5rem; border-top: 1px solid var(--lc-soft); }
/* headers never break inside a word ("Schedule/d"): on a narrow screen the table scrolls */
.lc-view th { white-space: nowrap; }
.lc-view td { overflow-wrap: anywhere; }
.lc-view table { min-width: 34rem; }
.lc-view .lc-table-note { font-size: 12px; color: var(--lc-muted); margin: .3rem .5rem; }
.lc-view thead th { position: sticky; top: 0; background: var(--lc-soft); }
.lc-view td.lc-num, .lc-view th:nth-child(n+4) { text-align: right; font-variant-numeric: tabular-nums; }
.lc-view tr.lc-future { opacity: .45; }
.lc-view tr.lc-current { outline: 2px solid var(--lc-cursor); outline-offset: -2px; }
.lc-view .lc-table-more { margin: .4rem .5rem; }
.lc-view .lc-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (forced-colors: active) {
  .lc-view .lc-seg-running, .lc-view .lc-mark-cancel, .lc-view .lc-mark-callback, .lc-view .lc-end-result { fill: CanvasText; }
  .lc-view .lc-seg-suspended, .lc-view .lc-seg-scheduled, .lc-view .lc-end, .lc-view .lc-mark-print { stroke: CanvasText; }
}
.lc-view .lc-defs { position: absolute; width: 0; height: 0; }
${extra}
${hueRules}
${DIAGRAM_CSS}
`;

let adopted: CSSStyleSheet | null = null;

/** Give the document the view's styles, once. */
export function injectStyles(doc: Document): void {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (win && "adoptedStyleSheets" in doc && typeof win.CSSStyleSheet === "function") {
    if (adopted && doc.adoptedStyleSheets.includes(adopted)) return;
    adopted = new win.CSSStyleSheet();
    adopted.replaceSync(VIEW_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, adopted];
    return;
  }
  // browsers without constructed stylesheets: a <style> element (a strict CSP would refuse it)
  if (doc.querySelector("style[data-lc-view]")) return;
  const style = doc.createElement("style");
  style.setAttribute("data-lc-view", "");
  style.textContent = VIEW_CSS;
  doc.head.appendChild(style);
}
