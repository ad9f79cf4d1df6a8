"use client";
import type { Locale } from "../../../graders/text";
import type { CaseResult, SourcePosition, Verdict } from "../../../graders/verdict";
import styles from "./exercise.module.css";
import { S } from "./strings";

export interface FeedbackProps {
  verdict: Verdict;
  source: "run" | "submit";
  locale: Locale;
  onGoTo(position: SourcePosition): void;
}

function statusText(status: CaseResult["status"] | Verdict["status"], locale: Locale): string {
  if (status === "passed") return S.passed[locale];
  if (status === "suspicious") return S.suspicious[locale];
  if (status === "error") return S.platformError[locale];
  return S.failed[locale];
}

function GoTo({ position, locale, onGoTo }: { position: SourcePosition; locale: Locale; onGoTo: FeedbackProps["onGoTo"] }) {
  return (
    <button type="button" className="secondary" onClick={() => onGoTo(position)}>
      {S.goToLine[locale]} {position.line}
      {position.column ? `:${position.column}` : ""}
    </button>
  );
}

function CaseItem({ c, locale, onGoTo }: { c: CaseResult; locale: Locale; onGoTo: FeedbackProps["onGoTo"] }) {
  const d = c.details;
  return (
    <li className={`${styles.case} ${styles[c.status]}`} data-case={c.name} data-status={c.status}>
      <div className={styles.caseHead}>
        <span className={styles.badge}>{statusText(c.status, locale)}</span>
        <strong>{c.label[locale]}</strong>
        <span className="muted">({c.visibility === "hidden" ? S.hidden[locale] : S.visible[locale]})</span>
      </div>
      {c.message[locale] && <p className={styles.message}>{c.message[locale]}</p>}
      {d && (d.input || d.expected || d.got) && (
        <dl className={styles.values}>
          {d.input && (
            <>
              <dt>{S.input[locale]}</dt>
              <dd><code>{d.input}</code></dd>
            </>
          )}
          {d.expected && (
            <>
              <dt>{S.expected[locale]}</dt>
              <dd><code>{d.expected}</code></dd>
            </>
          )}
          {d.got && (
            <>
              <dt>{S.got[locale]}</dt>
              <dd><code>{d.got}</code></dd>
            </>
          )}
        </dl>
      )}
      {d?.position && <GoTo position={d.position} locale={locale} onGoTo={onGoTo} />}
    </li>
  );
}

/** One verdict, case by case: what failed, expected against got, and where in the code. */
export function Feedback({ verdict, source, locale, onGoTo }: FeedbackProps) {
  const pct = Math.round(verdict.score * 100);
  return (
    <div className={styles.feedback} data-verdict={verdict.status} data-source={source}>
      <p className={styles.summary}>
        <span className={`${styles.badge} ${styles[verdict.status]}`}>{statusText(verdict.status, locale)}</span>{" "}
        {source === "run" ? S.runResult[locale] : `${S.submitResult[locale]} · ${S.score[locale]} ${pct}%`}
      </p>
      {verdict.status === "error" && <p className="alert">{S.notYourFault[locale]}</p>}
      {verdict.message && <p className={styles.message}>{verdict.message[locale]}</p>}
      {verdict.summary && <p className={styles.message} data-summary>{verdict.summary[locale]}</p>}
      {verdict.compileError && (
        <div className="alert" data-compile-error>
          <strong>{S.compileError[locale]}</strong>
          {verdict.compileError.position && ` (${S.line[locale]} ${verdict.compileError.position.line})`}
          <pre className={styles.pre}>{verdict.compileError.message}</pre>
          {verdict.compileError.position && <GoTo position={verdict.compileError.position} locale={locale} onGoTo={onGoTo} />}
        </div>
      )}
      {/* With a compile error every case says "not run": one line says it instead of a list. */}
      {verdict.cases.length > 0 && !verdict.compileError && (
        <ul className={styles.cases}>
          {verdict.cases.map((c, i) => (
            <CaseItem key={`${c.name}-${i}`} c={c} locale={locale} onGoTo={onGoTo} />
          ))}
        </ul>
      )}
      {verdict.console.text && (
        <details>
          <summary>{S.console[locale]}</summary>
          <pre className={styles.pre}>{verdict.console.text}</pre>
        </details>
      )}
    </div>
  );
}

/** The first place in the learner's code a verdict points at: compile error, then the first failed case's error. */
export function firstPosition(verdict: Verdict): { position: SourcePosition; message: string } | undefined {
  if (verdict.compileError?.position) return { position: verdict.compileError.position, message: verdict.compileError.message };
  for (const c of verdict.cases) {
    if (c.details?.position) return { position: c.details.position, message: c.message.en };
  }
  return undefined;
}
