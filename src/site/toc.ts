/**
 * <toc-spy>: marks the on-page contents link of the section being read with
 * aria-current="true". The section being read is the last heading above a line a little
 * below the sticky header.
 */
class TocSpy extends HTMLElement {
  #links = new Map<string, HTMLAnchorElement>();
  #headings: HTMLElement[] = [];
  #frame = 0;

  connectedCallback(): void {
    for (const link of this.querySelectorAll<HTMLAnchorElement>("a[href*='#']")) {
      const id = decodeURIComponent(link.hash.slice(1));
      const heading = document.getElementById(id);
      if (!heading) continue;
      this.#links.set(id, link);
      this.#headings.push(heading);
    }
    if (this.#headings.length === 0) return;
    addEventListener("scroll", this.#schedule, { passive: true });
    addEventListener("resize", this.#schedule, { passive: true });
    this.#update();
  }

  disconnectedCallback(): void {
    removeEventListener("scroll", this.#schedule);
    removeEventListener("resize", this.#schedule);
  }

  #schedule = (): void => {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#update();
    });
  };

  #update(): void {
    const line = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) + 8 || 80;
    let current = this.#headings[0];
    for (const heading of this.#headings) {
      if (heading.getBoundingClientRect().top <= line) current = heading;
      else break;
    }
    for (const [id, link] of this.#links) {
      if (id === current.id) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    }
  }
}

if (!customElements.get("toc-spy")) customElements.define("toc-spy", TocSpy);
