/**
 * Highlights code that is not the original (a restored edit, a shared link) the way the
 * static block is highlighted at build time: Shiki, the same two themes as CSS variables.
 * Loaded only when such code is shown; the chunks are the ones the editor uses too.
 *
 * The code is the reader's (or a link's): it only ever becomes text nodes. Colours come from
 * the bundled themes and are set through the CSSOM, which the page's CSP allows.
 */
type Highlighter = Awaited<ReturnType<typeof import("shiki/core").createHighlighterCore>>;

let loading: Promise<Highlighter> | undefined;

function highlighter(): Promise<Highlighter> {
  return (loading ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }, light, dark, lang] = await Promise.all([
      import("shiki/core"),
      import("shiki/engine/javascript"),
      import("@shikijs/themes/github-light-default"),
      import("@shikijs/themes/github-dark-default"),
      import("@shikijs/langs/typescript"),
    ]);
    return createHighlighterCore({
      themes: [light.default, dark.default],
      langs: [lang.default],
      engine: createJavaScriptRegexEngine(),
    });
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
}

/** Past this size the code stays plain text: highlighting it would hold the page up. */
const MAX_HIGHLIGHTED_CHARS = 50_000;

/**
 * Fills `pre` with the highlighted code (one `span.line` per line, as Astro's <Code> does).
 * Returns false (and leaves `pre` alone) when the code is too long or Shiki cannot load.
 */
export async function highlightInto(pre: HTMLElement, code: string): Promise<boolean> {
  if (code.length > MAX_HIGHLIGHTED_CHARS) return false;
  let h: Highlighter;
  try {
    h = await highlighter();
  } catch {
    return false;
  }
  const result = h.codeToTokens(code, {
    lang: "typescript",
    themes: { light: "github-light-default", dark: "github-dark-default" },
    defaultColor: false,
  });
  const codeEl = document.createElement("code");
  result.tokens.forEach((tokens, i) => {
    const line = document.createElement("span");
    line.className = "line";
    for (const token of tokens) {
      const span = document.createElement("span");
      span.textContent = token.content;
      for (const [name, value] of Object.entries(token.htmlStyle ?? {})) {
        if (name.startsWith("--shiki-")) span.style.setProperty(name, value);
      }
      line.append(span);
    }
    codeEl.append(line);
    if (i < result.tokens.length - 1) codeEl.append("\n");
  });
  pre.replaceChildren(codeEl);
  return true;
}
