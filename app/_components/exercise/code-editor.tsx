"use client";
import Editor, { loader, type BeforeMount, type Monaco, type OnMount } from "@monaco-editor/react";
import { useEffect, useRef } from "react";
import { isDark, onThemeChange } from "../theme/theme";

/**
 * Monaco, loaded from the app's own /vs route (never a CDN), as a lazily imported chunk: the page around it is
 * interactive before this file or the editor arrive. TypeScript diagnostics see the exercise's typed `linalg`
 * (only the allowed helpers) and the expected signature of the exports.
 */
loader.config({ paths: { vs: "/vs" } });

export interface EditorHandle {
  setValue(code: string): void;
  revealPosition(line: number, column?: number): void;
  /** Focuses the editor with the caret at a character offset (the plain text box's caret at hand-over). */
  focusAt(offset: number): void;
  showError(line: number, column: number | undefined, message: string): void;
  clearErrors(): void;
}

export interface CodeEditorProps {
  initialValue: string;
  linalgDeclarations: string;
  /** `export function f(...): T;` lines of the manifest, checked against the learner's module. */
  signature: string;
  exports: string[];
  ariaLabel: string;
  onChange(code: string): void;
  onRun(): void;
  onSubmit(): void;
  onReady(handle: EditorHandle): void;
  /** Shows code that must not change (an instructor reading a submission): no edits, no signature check. */
  readOnly?: boolean;
  /** The model's URI; every editor on one page needs its own (default file:///solution.ts). */
  path?: string;
}

type TsApi = {
  typescriptDefaults: {
    setCompilerOptions(o: Record<string, unknown>): void;
    setExtraLibs(libs: { content: string; filePath?: string }[]): void;
    setEagerModelSync(v: boolean): void;
    setDiagnosticsOptions(o: { noSemanticValidation?: boolean; noSyntaxValidation?: boolean }): void;
  };
  ScriptTarget: Record<string, number>;
  ModuleKind: Record<string, number>;
  ModuleResolutionKind: Record<string, number>;
};

// monaco-editor ≥ 0.55 moved `languages.typescript` to a top-level `typescript` namespace; accept either.
function tsApi(monaco: Monaco): TsApi {
  const m = monaco as unknown as { typescript?: TsApi; languages: { typescript?: TsApi } };
  return (m.typescript ?? m.languages.typescript)!;
}

/** A module declaration of the expected exports; the check file assigns the learner's module to it. */
function signatureModule(signature: string): string {
  return `declare module "exercise:signature" {\n${signature}\n}\n`;
}

const NARROW = "(max-width: 40rem)";

function narrowScreen(): boolean {
  return typeof window !== "undefined" && window.matchMedia(NARROW).matches;
}

export default function CodeEditor(props: CodeEditorProps) {
  const latest = useRef(props);
  latest.current = props;
  const cleanup = useRef<(() => void) | undefined>(undefined);
  useEffect(() => () => cleanup.current?.(), []);

  const beforeMount: BeforeMount = (monaco) => {
    const ts = tsApi(monaco);
    if (props.readOnly) {
      // Submitted code is shown as it was; type errors against today's helpers would only be noise.
      ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: true });
      return;
    }
    ts.typescriptDefaults.setCompilerOptions({
      target: ts.ScriptTarget.ES2022 ?? ts.ScriptTarget.ESNext,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.NodeJs,
      strict: true,
      noEmit: true,
      allowNonTsExtensions: true,
      lib: ["es2022"],
    });
    ts.typescriptDefaults.setExtraLibs([
      { content: props.linalgDeclarations, filePath: "file:///node_modules/@types/linalg/index.d.ts" },
      { content: signatureModule(props.signature), filePath: "file:///exercise-signature.d.ts" },
    ]);
    ts.typescriptDefaults.setEagerModelSync(true);
  };

  const onMount: OnMount = (editor, monaco) => {
    const stopTheme = onThemeChange(() => monaco.editor.setTheme(isDark() ? "vs-dark" : "vs"));
    editor.onDidDispose(stopTheme);
    const media = window.matchMedia(NARROW);
    const onWidth = () => editor.updateOptions({ wordWrap: media.matches ? "on" : "off" });
    media.addEventListener("change", onWidth);
    editor.onDidDispose(() => media.removeEventListener("change", onWidth));
    const model = editor.getModel();
    if (model && model.getValue() !== latest.current.initialValue) model.setValue(latest.current.initialValue);
    if (props.readOnly) {
      latest.current.onReady({ setValue() {}, revealPosition: (line) => editor.revealLineInCenter(line), focusAt() {}, showError() {}, clearErrors() {} });
      return;
    }
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => latest.current.onSubmit());
    // A second, never shown model that type-checks the learner's module against the manifest's signature.
    const checkUri = monaco.Uri.parse("file:///__signature_check.ts");
    const names = props.exports.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    const checkSource = `import * as mine from "./solution";\nimport * as expected from "exercise:signature";\n${names
      // Exported, so that the checker never reports them as "declared but never read" (they exist only to be checked).
      .map((n) => `export const __${n}: typeof expected.${n} = mine.${n};`)
      .join("\n")}\n`;
    const checkModel = monaco.editor.getModel(checkUri) ?? monaco.editor.createModel(checkSource, "typescript", checkUri);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const checkSignature = async () => {
      if (!model || model.isDisposed()) return;
      try {
        const getWorker = await (tsApi(monaco) as unknown as { getTypeScriptWorker(): Promise<(uri: unknown) => Promise<{ getSemanticDiagnostics(f: string): Promise<{ code?: number; messageText: string | { messageText: string }; start?: number }[]> }>> }).getTypeScriptWorker();
        const client = await getWorker(checkUri);
        // Only type mismatches concern the learner; "declared but never read" (6133 and kin) is about the hidden
        // check module itself.
        const UNUSED = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205]);
        const diags = (await client.getSemanticDiagnostics(checkUri.toString())).filter((d) => d.code === undefined || !UNUSED.has(d.code));
        const markers = diags.map((d) => {
          const text = typeof d.messageText === "string" ? d.messageText : d.messageText.messageText;
          const name = names.find((n) => text.includes(n)) ?? names[0] ?? "";
          const match = model.findMatches(`export\\s+(function|const|class|let)\\s+${name}\\b`, false, true, true, null, false)[0];
          const line = match?.range.startLineNumber ?? 1;
          return {
            severity: monaco.MarkerSeverity.Error,
            message: `Does not match the exercise's signature: ${text}`,
            startLineNumber: line,
            startColumn: 1,
            endLineNumber: line,
            endColumn: model.getLineMaxColumn(line),
          };
        });
        monaco.editor.setModelMarkers(model, "signature", markers);
      } catch {
        // The TypeScript worker is not up yet or went away; the next edit checks again.
      }
    };
    const sub = model?.onDidChangeContent(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void checkSignature(), 600);
    });
    timer = setTimeout(() => void checkSignature(), 1200);
    cleanup.current = () => {
      clearTimeout(timer);
      sub?.dispose();
      checkModel.dispose();
    };
    latest.current.onReady({
      setValue(code) {
        if (model && model.getValue() !== code) model.setValue(code);
      },
      revealPosition(line, column) {
        editor.revealLineInCenter(line);
        editor.setPosition({ lineNumber: line, column: column ?? 1 });
        editor.focus();
      },
      focusAt(offset) {
        if (model) editor.setPosition(model.getPositionAt(offset));
        editor.focus();
      },
      showError(line, column, message) {
        if (!model) return;
        const l = Math.min(Math.max(1, line), model.getLineCount());
        monaco.editor.setModelMarkers(model, "ml-dojo", [
          { severity: monaco.MarkerSeverity.Error, message, startLineNumber: l, startColumn: column ?? 1, endLineNumber: l, endColumn: model.getLineMaxColumn(l) },
        ]);
      },
      clearErrors() {
        if (model) monaco.editor.setModelMarkers(model, "ml-dojo", []);
      },
    });
  };

  return (
    <Editor
      height="100%"
      defaultLanguage="typescript"
      theme={typeof window !== "undefined" && isDark() ? "vs-dark" : "vs"}
      path={props.path ?? "file:///solution.ts"}
      defaultValue={props.initialValue}
      beforeMount={beforeMount}
      onMount={onMount}
      onChange={(v) => latest.current.onChange(v ?? "")}
      loading={null}
      options={{
        ariaLabel: props.ariaLabel,
        minimap: { enabled: false },
        fontSize: 14,
        tabSize: 2,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        fixedOverflowWidgets: true,
        readOnly: props.readOnly ?? false,
        domReadOnly: props.readOnly ?? false,
        // On a phone a long line wraps instead of hiding past the edge.
        wordWrap: narrowScreen() ? "on" : "off",
        // Monaco's dimmed last line number and faded unused code fall below WCAG AA contrast.
        renderFinalNewline: "on",
        showUnused: false,
      }}
    />
  );
}
