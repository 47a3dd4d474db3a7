/**
 * The Monaco editor, loaded only when the reader clicks Edit (never on a reading page).
 *
 * - Shiki's themes through @shikijs/monaco, so the editor looks like the static code block.
 * - IntelliSense and hover docs for "asyncio" from its type declarations (asyncio.d.ts).
 * - TypeScript's diagnostics as markers (owner "typescript", set by Monaco itself) and on
 *   request for the output log.
 * - Ctrl/Cmd+Enter runs, Escape stops; the accessible label states how to leave the editor
 *   with Tab (Ctrl+M toggles tab-focus mode; Monaco otherwise traps Tab).
 */
import { mirrorDynamicStyles } from "./csp-styles.ts";
import type { CodeEditor, Diagnostic, EditorOptions } from "./editor-types.ts";
import asyncioTypes from "./asyncio.d.ts?raw";
import { rankedSortText } from "./completions.ts";

mirrorDynamicStyles();

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

let setup: Promise<typeof import("monaco-editor/editor")> | undefined;

async function loadMonaco(onProgress: (stage: string) => void) {
  onProgress("Loading the editor (1/3)…");
  // One round of parallel fetches: Monaco, its workers' entry points, Shiki and its themes.
  const [monaco, ts, EditorWorker, TsWorker, , { createHighlighterCore }, { createJavaScriptRegexEngine }, { shikiToMonaco }, light, dark, lang] =
    await Promise.all([
      import("monaco-editor/editor"),
      import("monaco-editor/languages/features/typescript/register"),
      import("monaco-editor/editor/editor.worker?worker").then((m) => m.default),
      import("monaco-editor/languages/features/typescript/ts.worker?worker").then((m) => m.default),
      import("monaco-editor/features/register.all"),
      import("shiki/core"),
      import("shiki/engine/javascript"),
      import("@shikijs/monaco"),
      import("@shikijs/themes/github-light-default"),
      import("@shikijs/themes/github-dark-default"),
      import("@shikijs/langs/typescript"),
    ]);
  (self as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    getWorker: (_id: string, label: string) =>
      label === "typescript" || label === "javascript" ? new TsWorker() : new EditorWorker(),
  };
  rankTypeScriptCompletions(monaco);
  onProgress("Preparing the colours (2/3)…");
  const highlighter = await createHighlighterCore({
    themes: [light.default, dark.default],
    langs: [lang.default],
    engine: createJavaScriptRegexEngine(),
  });
  // @shikijs/monaco only tokenizes languages already registered with Monaco.
  monaco.languages.register({ id: "typescript" });
  // A generous limit: on a busy machine the first lines otherwise fall back to plain text.
  shikiToMonaco(highlighter, monaco as never, { tokenizeTimeLimit: 5000 });

  ts.typescriptDefaults.setCompilerOptions({
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    strict: true,
    noEmit: true,
    // The program runs in a worker with no DOM: say so before it fails at run time.
    lib: ["lib.es2022.d.ts"],
  });
  ts.typescriptDefaults.addExtraLib(asyncioTypes, "file:///node_modules/@types/asyncio/index.d.ts");
  return monaco;
}

type Monaco = typeof import("monaco-editor/editor");
type CompletionProvider = Parameters<Monaco["languages"]["registerCompletionItemProvider"]>[1];

/**
 * TypeScript's completion provider is registered by Monaco's TypeScript mode when the
 * language first starts; this wraps it on the way in, so that its suggestions are ordered
 * by completions.ts (likely names first) instead of by name alone.
 */
function rankTypeScriptCompletions(monaco: Monaco): void {
  const languages = monaco.languages;
  const register = languages.registerCompletionItemProvider.bind(languages);
  languages.registerCompletionItemProvider = (selector, provider) => {
    if (selector !== "typescript") return register(selector, provider);
    const ranked: CompletionProvider = Object.create(provider) as CompletionProvider;
    ranked.provideCompletionItems = async (...args) => {
      const list = await provider.provideCompletionItems.apply(provider, args);
      for (const item of list?.suggestions ?? []) {
        const label = typeof item.label === "string" ? item.label : item.label.label;
        item.sortText = rankedSortText(label, item.sortText);
      }
      return list;
    };
    return register(selector, ranked);
  };
}

function themeName(): string {
  const forced = document.documentElement.dataset.theme;
  const dark = forced ? forced === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
  return dark ? "github-dark-default" : "github-light-default";
}

let models = 0;

export async function createEditor(host: HTMLElement, options: EditorOptions): Promise<CodeEditor> {
  const monaco = await (setup ??= loadMonaco(options.onProgress).catch((e: unknown) => {
    setup = undefined;
    throw e;
  }));
  options.onProgress("Starting the editor (3/3)…");
  const { getTypeScriptWorker, typescriptDefaults } = await import("monaco-editor/languages/features/typescript/register");
  // Each example is its own main.ts for the reader; distinct URIs keep their models apart.
  const uri = monaco.Uri.parse(`file:///example-${++models}/main.ts`);
  const model = monaco.editor.createModel(options.value, "typescript", uri);
  const lines = () => Math.min(Math.max(model.getLineCount(), 6), 40);
  const lineHeight = 20;
  host.style.height = `${lines() * lineHeight + 16}px`;
  const tabKey = isMac ? "Ctrl+Shift+M" : "Ctrl+M";
  const editor = monaco.editor.create(host, {
    model,
    theme: themeName(),
    ariaLabel: `${options.label}. Editor: Tab inserts a tab; press ${tabKey} to make Tab move the focus instead. ${isMac ? "Cmd" : "Ctrl"}+Enter runs, Escape stops.`,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    lineHeight,
    fontSize: 14,
    tabSize: 2,
    padding: { top: 8, bottom: 8 },
    renderLineHighlight: "line",
    fixedOverflowWidgets: true,
    accessibilitySupport: "auto",
  });
  const theme = matchMedia("(prefers-color-scheme: dark)");
  const retheme = () => monaco.editor.setTheme(themeName());
  theme.addEventListener("change", retheme);
  new MutationObserver(retheme).observe(document.documentElement, { attributeFilter: ["data-theme"] });

  editor.addAction({
    id: "asyncio.run",
    label: "Run the example",
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
    run: () => options.onRun(),
  });
  // Escape still closes Monaco's own widgets first (suggestions, find): only stop otherwise.
  editor.addCommand(monaco.KeyCode.Escape, () => options.onStop(), "!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible");
  let settingValue = false;
  model.onDidChangeContent(() => {
    host.style.height = `${lines() * lineHeight + 16}px`;
    if (!settingValue) options.onChange(model.getValue());
  });

  const toMarker = (d: Diagnostic) => {
    // A runtime error marks its whole line (its length is "to the end"); lines that are no
    // longer there are clamped to the model.
    const line = Math.min(Math.max(d.line, 1), model.getLineCount());
    const end = model.getLineMaxColumn(line);
    return {
      startLineNumber: line,
      startColumn: Math.min(d.column, end),
      endLineNumber: line,
      endColumn: Math.min(d.column + Math.max(d.length, 1), end),
      message: d.text,
      severity: d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    };
  };

  return {
    getValue: () => model.getValue(),
    setValue(value) {
      settingValue = true;
      // pushEditOperations keeps Undo working across a Reset.
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
      settingValue = false;
    },
    focus: () => editor.focus(),
    layout: () => editor.layout(),
    reveal(line, column) {
      editor.setPosition({ lineNumber: line, column });
      editor.revealLineInCenterIfOutsideViewport(line);
      editor.focus();
    },
    setMarkers(owner, diagnostics) {
      monaco.editor.setModelMarkers(model, owner, diagnostics.map(toMarker));
    },
    restartTypeChecker() {
      // Monaco ends its TypeScript worker when the options change (WorkerManager).
      typescriptDefaults.setCompilerOptions(typescriptDefaults.getCompilerOptions());
    },
    async typeErrors() {
      const worker = await (await getTypeScriptWorker())(uri);
      const found = [
        ...(await worker.getSyntacticDiagnostics(uri.toString())),
        ...(await worker.getSemanticDiagnostics(uri.toString())),
      ];
      return found.map((d): Diagnostic => {
        const start = model.getPositionAt(d.start ?? 0);
        return {
          line: start.lineNumber,
          column: start.column,
          length: d.length ?? 1,
          text: `${flatten(d.messageText)} (TS${d.code})`,
          severity: d.category === 1 ? "error" : "warning",
        };
      });
    },
  };
}

type MessageChain = string | { messageText: string; next?: MessageChain[] };
function flatten(m: MessageChain): string {
  if (typeof m === "string") return m;
  return [m.messageText, ...(m.next ?? []).map(flatten)].join(" ");
}
