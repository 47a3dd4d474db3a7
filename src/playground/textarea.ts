/**
 * The plain editor for touch and narrow screens, where Monaco is not supported. It runs the
 * same way (Ctrl/Cmd+Enter, Escape), and Tab moves focus as everywhere else on the page.
 */
import type { CodeEditor, Diagnostic, EditorOptions } from "./editor-types.ts";
import { keyHint } from "./editor-loader.ts";

export async function createEditor(host: HTMLElement, options: EditorOptions): Promise<CodeEditor> {
  const area = document.createElement("textarea");
  area.className = "pg-textarea";
  area.value = options.value;
  area.spellcheck = false;
  area.autocapitalize = "off";
  area.setAttribute("autocomplete", "off");
  area.setAttribute("autocorrect", "off");
  area.setAttribute("aria-label", `${options.label}. ${keyHint()}`.trim());
  area.rows = Math.min(30, options.value.split("\n").length + 2);
  const problems = document.createElement("ul");
  problems.className = "pg-problems";
  problems.hidden = true;
  host.replaceChildren(area, problems);
  area.addEventListener("input", () => options.onChange(area.value));
  area.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      options.onRun();
    } else if (e.key === "Escape") {
      options.onStop();
    }
  });
  const offsetOf = (line: number, column: number) => {
    const lines = area.value.split("\n");
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i]!.length + 1;
    // A column past the end of its line (a stale position) stays on that line.
    return offset + Math.min(Math.max(column, 1) - 1, lines[line - 1]?.length ?? 0);
  };
  return {
    getValue: () => area.value,
    setValue(value) {
      area.value = value;
    },
    focus: () => area.focus(),
    layout() {},
    reveal(line, column) {
      const at = offsetOf(line, column);
      area.focus();
      area.setSelectionRange(at, at);
    },
    setMarkers(_owner: string, diagnostics: Diagnostic[]) {
      problems.replaceChildren(
        ...diagnostics.map((d) => {
          const li = document.createElement("li");
          li.textContent = `Line ${d.line}, column ${d.column}: ${d.text}`;
          return li;
        }),
      );
      problems.hidden = diagnostics.length === 0;
    },
    typeErrors: async () => [],
  };
}
