/**
 * <site-search>: a search dialog over the Pagefind index built into dist/pagefind/ after
 * `astro build` (scripts/postbuild.ts). Pagefind's own JS API does the work; it is loaded
 * from the site itself the first time the dialog opens, so search works offline and costs
 * nothing before the reader asks for it.
 */
import { url } from "./paths.ts";

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}

interface PagefindResultData {
  url: string;
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

class SiteSearch extends HTMLElement {
  #dialog!: HTMLDialogElement;
  #input!: HTMLInputElement;
  #status!: HTMLElement;
  #list!: HTMLOListElement;
  #query = 0;

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
    dialog.querySelector("form")?.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#list.querySelector("a")?.focus();
    });
    input.addEventListener("input", () => void this.#search(input.value));
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
    const data = await Promise.all(found.results.slice(0, maxResults).map((r) => r.data()));
    if (ticket !== this.#query) return;
    this.#list.replaceChildren(...data.map((d) => this.#renderResult(d)));
    const n = found.results.length;
    this.#setStatus(
      n === 0 ? `No results for “${query}”.`
      : n > maxResults ? `${n} pages match “${query}”; showing the first ${maxResults}.`
      : `${n} ${n === 1 ? "page matches" : "pages match"} “${query}”.`,
    );
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
    // Pagefind's excerpt is our own page text, HTML-escaped, with <mark> around the matches.
    e.innerHTML = excerpt;
    a.append(t, e);
    a.addEventListener("click", () => this.#dialog.close());
    return a;
  }
}

if (!customElements.get("site-search")) customElements.define("site-search", SiteSearch);
