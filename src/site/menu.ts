/**
 * <menu-button>: on narrow screens the sidebar is a menu opened from the header. The open
 * state is the `menu-open` class on <html> (CSS shows the sidebar); while open, the rest of
 * the page is inert so keyboard focus stays in the menu, and Escape closes it.
 */
class MenuButton extends HTMLElement {
  connectedCallback(): void {
    const button = this.querySelector("button");
    const menu = document.getElementById(button?.getAttribute("aria-controls") ?? "");
    if (!button || !menu) return;
    const root = document.documentElement;
    const behind = () => document.querySelectorAll<HTMLElement>("[data-menu-inert]");
    const setOpen = (open: boolean, restoreFocus = false) => {
      root.classList.toggle("menu-open", open);
      button.setAttribute("aria-expanded", String(open));
      for (const el of behind()) el.inert = open;
      if (!open && restoreFocus) button.focus();
    };
    button.addEventListener("click", () => setOpen(!root.classList.contains("menu-open")));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && root.classList.contains("menu-open")) setOpen(false, true);
    });
    // Following a link (also a #fragment on the same page) closes the menu.
    menu.addEventListener("click", (event) => {
      if ((event.target as Element).closest("a")) setOpen(false);
    });
    // Widening the window past the breakpoint shows the sidebar in place: drop the menu state.
    const wide = matchMedia("(min-width: 50.0625rem)");
    wide.addEventListener("change", () => wide.matches && setOpen(false));
  }
}

if (!customElements.get("menu-button")) customElements.define("menu-button", MenuButton);
