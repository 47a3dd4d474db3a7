/**
 * <site-search>: a search dialog over the Pagefind index built into dist/pagefind/ after
 * `astro build` (scripts/postbuild.ts). Pagefind's own JS API does the work; it is loaded
 * from the site itself the first time the dialog opens, so search works offline and costs
 * nothing before the reader asks for it.
 */
import { url } from "./paths.ts";
import { excerptParts, genuineMatch, queryTerms } from "./search-match.ts";

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}

interface PagefindResultData {
  url: string;
  /** The page's indexed text. */
  content: string;
  excerpt: string;
  meta: { title?: string };
  sub_results: PagefindSubResult[];
}

interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}

interface PagefindApi {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(query: string, options?: object, debounceMs?: number): Promise<{ results: PagefindResult[] } | null>;
}

let pagefind: Promise<PagefindApi> | undefined;

function loadPagefind(): Promise<PagefindApi> {
  pagefind ??= (async () => {
    // A URL known only once the site is built: keep Vite from trying to bundle it.
    const api = (await import(/* @vite-ignore */ url("pagefind/pagefind.js"))) as PagefindApi;
    // The index stores paths relative to dist/; results must carry the base path.
    await api.options({ baseUrl: url(), excerptLength: 24 });
    await api.init();
    return api;
  })().catch((error: unknown) => {
    pagefind = undefined;
    throw error;
  });
  return pagefind;
}

const maxResults = 8;
/** Results whose text is checked (genuineMatch): more pages than the tutorial has. */
const maxChecked = 40;

class SiteSearch extends HTMLElement {
  #dialog!: HTMLDialogElement;
  #input!: HTMLInputElement;
  #status!: HTMLElement;
  #list!: HTMLOListElement;
  #query = 0;
  /** The search in flight, so that Enter can wait for it. */
  #pending: Promise<void> = Promise.resolve();

  connectedCallback(): void {
    const open = this.querySelector<HTMLButtonElement>("[data-search-open]");
    const dialog = this.querySelector("dialog");
    const input = dialog?.querySelector("input");
    const status = dialog?.querySelector<HTMLElement>("[data-search-status]");
    const list = dialog?.querySelector("ol");
    if (!open || !dialog || !input || !status || !list) return;
    [this.#dialog, this.#input, this.#status, this.#list] = [dialog, input, status, list];

    open.addEventListener("click", () => this.open());
    dialog.querySelector("[data-search-close]")?.addEventListener("click", () => dialog.close());
    // A click on the backdrop (outside the dialog's box) closes it.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    // Enter follows the first result, once the search for what was typed has answered.
    dialog.querySelector("form")?.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#pending.then(() => this.#links()[0]?.click());
    });
    input.addEventListener("input", () => {
      this.#pending = this.#search(input.value);
    });
    // Arrow keys move between the input and the result links; Enter on a link follows it.
    input.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown") return;
      const first = this.#links()[0];
      if (first === undefined) return;
      event.preventDefault();
      first.focus();
    });
    list.addEventListener("keydown", (event) => this.#onListKey(event));
    // In a type=search input Chromium spends Escape on clearing the text; readers expect
    // Escape to close a search dialog whatever it holds.
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        dialog.close();
      }
    });
    document.addEventListener("keydown", (event) => {
      const typing = (event.target as Element | null)?.closest("input, textarea, select, [contenteditable], .monaco-editor");
      if ((event.key === "k" && (event.metaKey || event.ctrlKey)) || (event.key === "/" && !typing)) {
        if (dialog.open) return;
        event.preventDefault();
        this.open();
      }
    });
  }

  open(): void {
    this.#dialog.showModal();
    this.#input.select();
    // Start fetching the index while the reader types.
    loadPagefind().catch(() => this.#setStatus("Search is not available: the index was not found."));
  }

  #setStatus(text: string): void {
    this.#status.textContent = text;
  }

  async #search(raw: string): Promise<void> {
    const query = raw.trim();
    const ticket = ++this.#query;
    if (query === "") {
      this.#list.replaceChildren();
      this.#setStatus("");
      return;
    }
    let api: PagefindApi;
    try {
      api = await loadPagefind();
    } catch {
      this.#setStatus("Search is not available: the index was not found.");
      return;
    }
    const found = await api.debouncedSearch(query, {}, 200);
    // null: a newer keystroke superseded this search.
    if (found === null || ticket !== this.#query) return;
    const terms = queryTerms(query);
    const all = await Promise.all(found.results.slice(0, maxChecked).map((r) => r.data()));
    if (ticket !== this.#query) return;
    // Pagefind's backtracking finds "x" for "xyzzy": keep only pages that match the words typed.
    const data = all.filter((d) => genuineMatch(d.content, terms));
    this.#list.replaceChildren(...data.slice(0, maxResults).map((d) => this.#renderResult(d)));
    const n = data.length;
    this.#setStatus(
      n === 0 ? `No results for “${query}”.`
      : n > maxResults ? `${n} pages match “${query}”; showing the first ${maxResults}.`
      : `${n} ${n === 1 ? "page matches" : "pages match"} “${query}”.`,
    );
  }

  #links(): HTMLAnchorElement[] {
    return [...this.#list.querySelectorAll<HTMLAnchorElement>("a")];
  }

  #onListKey(event: KeyboardEvent): void {
    const links = this.#links();
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    const target =
      event.key === "ArrowDown" ? links[Math.min(i + 1, links.length - 1)]
      : event.key === "ArrowUp" ? (i === 0 ? this.#input : links[i - 1])
      : event.key === "Home" ? links[0]
      : event.key === "End" ? links.at(-1)
      : undefined;
    if (target === undefined) return;
    event.preventDefault();
    target.focus();
  }

  #renderResult(result: PagefindResultData): HTMLLIElement {
    const item = document.createElement("li");
    item.append(this.#link(result.url, result.meta.title ?? result.url, result.excerpt));
    const subs = result.sub_results.filter((s) => s.url !== result.url).slice(0, 3);
    if (subs.length > 0) {
      const list = document.createElement("ul");
      list.className = "search-sub-results";
      for (const sub of subs) {
        const li = document.createElement("li");
        li.append(this.#link(sub.url, sub.title, sub.excerpt));
        list.append(li);
      }
      item.append(list);
    }
    return item;
  }

  #link(href: string, title: string, excerpt: string): HTMLAnchorElement {
    const a = document.createElement("a");
    a.href = href;
    const t = document.createElement("span");
    t.className = "search-result-title";
    t.textContent = title;
    const e = document.createElement("span");
    e.className = "search-result-excerpt";
    // Pagefind's excerpt is escaped page text with <mark> around the matches: shown as text
    // and <mark> nodes, never parsed as HTML.
    for (const part of excerptParts(excerpt)) {
      if (!part.mark) e.append(part.text);
      else {
        const m = document.createElement("mark");
        m.textContent = part.text;
        e.append(m);
      }
    }
    a.append(t, e);
    a.addEventListener("click", () => this.#dialog.close());
    return a;
  }
}

if (!customElements.get("site-search")) customElements.define("site-search", SiteSearch);
