/**
 * Light/dark theme. With nothing stored the page follows the system (CSS color-scheme); a
 * choice that differs from the system is stored in localStorage("theme") and applied as
 * html[data-theme] by the inline script in <head> (ThemeInit.astro) before the first paint.
 */
export type Theme = "light" | "dark";
export const storageKey = "theme";
const darkQuery = "(prefers-color-scheme: dark)";

export function systemTheme(): Theme {
  return matchMedia(darkQuery).matches ? "dark" : "light";
}

export function currentTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  return chosen === "light" || chosen === "dark" ? chosen : systemTheme();
}

/** Applies `theme`; a theme equal to the system's is not stored, so the page follows the system again. */
export function setTheme(theme: Theme): void {
  const root = document.documentElement;
  const follow = theme === systemTheme();
  if (follow) delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    if (follow) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, theme);
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): the choice lasts for this page.
  }
  document.dispatchEvent(new CustomEvent("themechange", { detail: { theme } }));
}

/** <theme-toggle>: a toggle button, pressed when the dark theme is showing. */
class ThemeToggle extends HTMLElement {
  connectedCallback(): void {
    const button = this.querySelector("button");
    if (!button) return;
    const sync = () => button.setAttribute("aria-pressed", String(currentTheme() === "dark"));
    button.addEventListener("click", () => setTheme(currentTheme() === "dark" ? "light" : "dark"));
    document.addEventListener("themechange", sync);
    matchMedia(darkQuery).addEventListener("change", sync);
    sync();
  }
}

if (!customElements.get("theme-toggle")) customElements.define("theme-toggle", ThemeToggle);
