/** What the element needs from an editor: Monaco on desktops, a textarea on touch screens. */
export interface Diagnostic {
  line: number;
  /** 1-based */
  column: number;
  length: number;
  text: string;
  severity: "error" | "warning";
}

export interface CodeEditor {
  getValue(): string;
  setValue(value: string): void;
  focus(): void;
  layout(): void;
  /** Moves the cursor to a 1-based line and column and shows it. */
  reveal(line: number, column: number): void;
  setMarkers(owner: string, diagnostics: Diagnostic[]): void;
  /** TypeScript's type errors for the current code (none from a plain textarea). */
  typeErrors(): Promise<Diagnostic[]>;
  /** Ends a type checker that does not answer (typecheck.ts); the next request starts a new one. */
  restartTypeChecker?(): void;
}

export interface EditorOptions {
  value: string;
  label: string;
  onChange(value: string): void;
  onRun(): void;
  onStop(): void;
  onProgress(stage: string): void;
}
