"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { VisibleRunPayload } from "../../../graders/browser/protocol";
import type { Locale } from "../../../graders/text";
import type { SourcePosition, Verdict } from "../../../graders/verdict";
import { ExerciseCharts } from "../charts/exercise-charts";
import type { EditorHandle } from "./code-editor";
import styles from "./exercise.module.css";
import { Feedback, firstPosition } from "./feedback";
import { History, type HistoryItem } from "./history";
import { plainTextBox, plainTextBoxHtml } from "./plain-text-box";
import { runInWorker } from "./run-in-worker";
import { S } from "./strings";
import { submitUntilVerdict } from "./submit-until-verdict";
import { useDraftAutosave } from "./use-draft-autosave";

// The editor chunk (and Monaco itself, from /vs) loads after the page is interactive; a plain text box, editable
// from first paint, stands in until then.
const CodeEditor = dynamic(() => import("./code-editor"), { ssr: false });

export interface WorkspaceProps {
  exerciseId: string;
  topicId: string;
  locale: Locale;
  starter: string;
  initialCode: string;
  signature: string;
  exports: string[];
  linalgDeclarations: string;
  payload: VisibleRunPayload;
  history: HistoryItem[];
  /** The next unsolved exercise of the topic, offered under a passing verdict (null: the topic is done). */
  next: { id: string; title: string } | null;
}

type Shown = { source: "run" | "submit"; verdict: Verdict } | null;

function announcement(shown: Shown, problem: string | null, locale: Locale): string {
  if (problem) return problem;
  if (!shown) return "";
  const v = shown.verdict;
  const status = v.status === "passed" ? S.passed : v.status === "error" ? S.platformError : S.failed;
  const cases = v.cases.length > 0 ? ` · ${v.cases.filter((c) => c.status === "passed").length}/${v.cases.length} ${S.announceCases[locale]}` : "";
  const score = shown.source === "submit" ? ` · ${S.score[locale]} ${Math.round(v.score * 100)}%` : "";
  return `${(shown.source === "run" ? S.announceRun : S.announceSubmit)[locale]}: ${status[locale].toLowerCase()}${score}${cases}`;
}

function newSubmissionId(): string {
  return (crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}`).replace(/[^A-Za-z0-9_-]/g, "");
}

export function ExerciseWorkspace(props: WorkspaceProps) {
  const { locale } = props;
  const [code, setCode] = useState(props.initialCode);
  const codeRef = useRef(code);
  const editor = useRef<EditorHandle | null>(null);
  const [editorReady, setEditorReady] = useState(false);
  const monacoHost = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<Shown>(null);
  const [busy, setBusy] = useState<"run" | "submit" | null>(null);
  const busyRef = useRef(busy);
  busyRef.current = busy;
  const [problem, setProblem] = useState<string | null>(null);
  const [history, setHistory] = useState(props.history);
  const pendingSubmit = useRef<{ id: string; code: string } | null>(null);
  const [progress, setProgress] = useState<{ state: "queued" | "grading"; ahead: number } | null>(null);
  const draft = useDraftAutosave(props.exerciseId);
  const router = useRouter();
  // Marks the moment the page became interactive (hydrated): tests and the measurement script wait for it.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // Monaco's core is a long task to run (it is fetched early, by the page's preload). It starts once the browser is
  // idle after hydration, so keys typed into the plain box meanwhile are handled first instead of waiting behind it.
  const [mountEditor, setMountEditor] = useState(false);
  useEffect(() => {
    if (typeof window.requestIdleCallback !== "function") {
      const timer = setTimeout(() => setMountEditor(true), 50);
      return () => clearTimeout(timer);
    }
    const id = window.requestIdleCallback(() => setMountEditor(true), { timeout: 1000 });
    return () => window.cancelIdleCallback(id);
  }, []);

  const changeCode = useCallback(
    (next: string) => {
      codeRef.current = next;
      setCode(next);
      draft.changed(next);
    },
    [draft],
  );
  const changeCodeRef = useRef(changeCode);
  changeCodeRef.current = changeCode;

  // Fixed at first render: the server and the client must render the same HTML, and React must never rewrite it.
  const plainBoxHtml = useMemo(
    () => plainTextBoxHtml({ code: props.initialCode, className: styles.fallback ?? "", label: S.editorLabel[locale], describedBy: "editor-loading" }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [],
  );
  useEffect(() => {
    const box = plainTextBox();
    if (!box) return;
    // What the learner typed before hydration is in the box already.
    if (box.value !== codeRef.current) changeCodeRef.current(box.value);
    const onInput = () => changeCodeRef.current(box.value);
    box.addEventListener("input", onInput);
    return () => box.removeEventListener("input", onInput);
  }, []);

  const replaceCode = useCallback(
    (next: string) => {
      changeCode(next);
      editor.current?.setValue(next);
      const box = plainTextBox();
      if (box && !editor.current) box.value = next;
    },
    [changeCode],
  );

  const goTo = useCallback((p: SourcePosition) => {
    if (editor.current) editor.current.revealPosition(p.line, p.column);
    else {
      const ta = plainTextBox();
      if (!ta) return;
      const lines = ta.value.split("\n");
      const offset = lines.slice(0, p.line - 1).reduce((a, l) => a + l.length + 1, 0) + (p.column ? p.column - 1 : 0);
      ta.focus();
      ta.setSelectionRange(offset, offset);
    }
  }, []);

  const show = useCallback(
    (next: Shown) => {
      setShown(next);
      editor.current?.clearErrors();
      const at = next ? firstPosition(next.verdict) : undefined;
      if (at) {
        editor.current?.showError(at.position.line, at.position.column, at.message);
        goTo(at.position);
      }
    },
    [goTo],
  );

  const run = useCallback(async () => {
    if (busyRef.current) return;
    setBusy("run");
    setProblem(null);
    try {
      const outcome = await runInWorker(props.payload, codeRef.current);
      if (outcome.ok) show({ source: "run", verdict: outcome.verdict });
      else {
        setShown(null);
        setProblem(outcome.reason === "timeout" ? S.runTimeout[locale] : `${S.runFailed[locale]}${outcome.message ? ` (${outcome.message})` : ""}`);
      }
    } finally {
      setBusy(null);
    }
  }, [props.payload, show, locale]);

  const submit = useCallback(async () => {
    if (busyRef.current) return;
    setBusy("submit");
    setProblem(null);
    const current = codeRef.current;
    // A retry of the same code after a failed request reuses its id, so the server keeps one submission.
    if (!pendingSubmit.current || pendingSubmit.current.code !== current) pendingSubmit.current = { id: newSubmissionId(), code: current };
    const { id } = pendingSubmit.current;
    try {
      await draft.flush();
      setProgress(null);
      const outcome = await submitUntilVerdict(
        { exerciseId: props.exerciseId, code: current, clientSubmissionId: id },
        { fetch: (...a) => fetch(...a), onProgress: (q) => setProgress(q ?? { state: "grading", ahead: 0 }) },
      );
      if (outcome.kind === "signin") {
        window.location.href = `/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`;
        return;
      }
      if (outcome.kind === "unreachable") {
        // The id is kept: pressing Submit again with the same code finds the same submission.
        setProblem(S.serverDown[locale]);
        return;
      }
      if (outcome.kind === "refused") {
        setProblem(outcome.status >= 500 || !outcome.error ? S.serverDown[locale] : outcome.error[locale]);
        if (outcome.status < 500) pendingSubmit.current = null;
        return;
      }
      pendingSubmit.current = null;
      const s = outcome.submission;
      setHistory((h) => [{ id: s.id, status: s.status, score: s.score, verdictStatus: s.verdict?.status ?? null, createdAt: s.createdAt }, ...h.filter((x) => x.id !== s.id)]);
      if (outcome.kind === "pending") setProblem(S.stillPending[locale]);
      else if (s.verdict) show({ source: "submit", verdict: s.verdict });
      else setProblem(S.notYourFault[locale]);
      // The server-rendered parts (best score, solved badge, the next exercise, the catalog's cached state) follow
      // in place; client state (code, feedback, scroll) is kept.
      if (outcome.kind !== "pending") startTransition(() => router.refresh());
    } catch {
      setProblem(S.serverDown[locale]);
    } finally {
      setProgress(null);
      setBusy(null);
    }
  }, [draft, props.exerciseId, show, locale, router]);

  useEffect(() => {
    // Shortcuts outside the editor (the editor registers the same keys itself).
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
      if ((e.target as HTMLElement | null)?.closest?.(".monaco-editor")) return;
      e.preventDefault();
      void (e.shiftKey ? submit() : run());
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [run, submit]);

  const reset = () => {
    if (!window.confirm(S.resetConfirm[locale])) return;
    replaceCode(props.starter);
    void draft.discard();
  };

  return (
    <div className={styles.workspace} data-hydrated={hydrated ? "true" : "false"}>
      <section className={styles.editorPane} aria-labelledby="editor-heading">
        <h2 id="editor-heading" className={styles.paneTitle}>
          {S.editorLabel[locale]}
        </h2>
        <div className={styles.toolbar}>
          <button type="button" onClick={() => void run()} disabled={busy !== null} aria-keyshortcuts="Control+Enter Meta+Enter" data-action="run">
            {busy === "run" ? S.running[locale] : S.run[locale]}
          </button>
          <button type="button" onClick={() => void submit()} disabled={busy !== null} aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter" data-action="submit">
            {busy !== "submit"
              ? S.submit[locale]
              : progress?.state === "queued"
                ? S.queued[locale].replace("{n}", String(progress.ahead))
                : S.submitting[locale]}
          </button>
          <button type="button" className="secondary" onClick={reset} disabled={busy !== null} data-action="reset">
            {S.reset[locale]}
          </button>
          <span className={styles.saveState} role="status" data-draft={draft.state}>
            {draft.state === "saved" ? S.saved[locale] : draft.state === "saving" ? S.saving[locale] : draft.state === "failed" ? S.saveFailed[locale] : draft.state === "dirty" ? S.unsaved[locale] : ""}
          </span>
        </div>
        <p className={styles.shortcuts}>{S.shortcuts[locale]}</p>
        <div className={styles.editorBox} data-editor-ready={editorReady ? "true" : "false"}>
          <div hidden={editorReady} data-plain-box dangerouslySetInnerHTML={{ __html: plainBoxHtml }} />
          <div ref={monacoHost} className={styles.monacoHost} style={{ visibility: editorReady ? "visible" : "hidden" }}>
            {mountEditor && (
              <CodeEditor
                initialValue={code}
                linalgDeclarations={props.linalgDeclarations}
                signature={props.signature}
                exports={props.exports}
                ariaLabel={S.editorLabel[locale]}
                onChange={changeCode}
                onRun={() => void run()}
                onSubmit={() => void submit()}
                onReady={(handle) => {
                  // The hand-over happens in one task, so no keystroke can land between the box and Monaco: the
                  // box's text, caret and focus move to Monaco, and the box is hidden before the next event.
                  const box = plainTextBox();
                  if (box && box.value !== codeRef.current) changeCode(box.value);
                  handle.setValue(codeRef.current);
                  if (monacoHost.current) monacoHost.current.style.visibility = "visible";
                  if (box) {
                    const focused = document.activeElement === box;
                    const caret = box.selectionEnd;
                    (box.parentElement as HTMLElement).hidden = true;
                    if (focused) handle.focusAt(caret);
                  }
                  editor.current = handle;
                  setEditorReady(true);
                }}
              />
            )}
          </div>
        </div>
        {!editorReady && (
          <p id="editor-loading" className={styles.shortcuts}>
            {S.editorLoading[locale]}
          </p>
        )}
      </section>
      {/* Always on the page, so a screen reader hears each new verdict in one sentence; the panel below has the detail. */}
      <p className={styles.visuallyHidden} role="status" data-announce>
        {announcement(shown, problem, locale)}
      </p>
      <section className={styles.feedbackPane} aria-labelledby="feedback-heading">
        <h2 id="feedback-heading" className={styles.paneTitle}>
          {S.feedback[locale]}
        </h2>
        {problem && (
          <p className="alert" role="alert" data-problem>
            {problem}
          </p>
        )}
        {shown ? <Feedback verdict={shown.verdict} source={shown.source} locale={locale} onGoTo={goTo} /> : !problem && <p className="muted">{S.noFeedback[locale]}</p>}
        {shown?.source === "submit" && shown.verdict.status === "passed" && (
          <p className="notice" data-next>
            {props.next ? (
              <>
                {S.nextExercise[locale]} <Link href={`/exercises/${props.next.id}`}>{props.next.title} →</Link>
              </>
            ) : (
              S.topicDone[locale]
            )}
          </p>
        )}
        <ExerciseCharts topicId={props.topicId} payload={props.payload} verdict={shown?.verdict ?? null} locale={locale} />
      </section>
      <History items={history} locale={locale} onRestore={replaceCode} />
    </div>
  );
}
