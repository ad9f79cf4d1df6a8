"use client";
import { Fragment, useState } from "react";
import type { Locale } from "../../../graders/text";
import type { Verdict } from "../../../graders/verdict";
import styles from "./exercise.module.css";
import { S } from "./strings";

export interface HistoryItem {
  id: string;
  status: "PENDING" | "GRADED" | "ERROR";
  score: number | null;
  verdictStatus: Verdict["status"] | null;
  createdAt: string;
}

function verdictLabel(item: HistoryItem, locale: Locale): string {
  if (item.status === "PENDING") return S.pending[locale];
  if (item.status === "ERROR" || item.verdictStatus === "error") return S.platformError[locale];
  return item.verdictStatus === "passed" ? S.passed[locale] : S.failed[locale];
}

/** The learner's submissions of this exercise: time, score, verdict; code viewable and restorable. */
export function History({ items, locale, onRestore }: { items: HistoryItem[]; locale: Locale; onRestore(code: string): void }) {
  const [open, setOpen] = useState<{ id: string; code: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = async (id: string): Promise<string | null> => {
    setProblem(null);
    try {
      const res = await fetch(`/api/submissions/${encodeURIComponent(id)}`);
      const body = (await res.json()) as { submission?: { code: string }; error?: { en: string; ja: string } };
      if (!res.ok || !body.submission) throw new Error(body.error?.[locale] ?? S.serverDown[locale]);
      return body.submission.code;
    } catch (error) {
      setProblem(error instanceof Error ? error.message : S.serverDown[locale]);
      return null;
    }
  };
  const fmt = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeStyle: "medium" });
  return (
    <section className={styles.historyPane} aria-labelledby="history-heading">
      <h2 id="history-heading" className={styles.paneTitle}>
        {S.history[locale]}
      </h2>
      {problem && <p className="alert">{problem}</p>}
      {items.length === 0 ? (
        <p className="muted">{S.noHistory[locale]}</p>
      ) : (
        <div className={styles.tableScroll}>
          <table data-history>
            <thead>
              <tr>
                <th scope="col">{S.when[locale]}</th>
                <th scope="col">{S.score[locale]}</th>
                <th scope="col">{S.verdict[locale]}</th>
                <th scope="col">
                  <span className={styles.visuallyHidden}>{S.view[locale]}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <Fragment key={item.id}>
                  <tr data-submission={item.id}>
                    <td>{fmt.format(new Date(item.createdAt))}</td>
                    <td>{item.score === null ? "—" : `${Math.round(item.score * 100)}%`}</td>
                    <td>{verdictLabel(item, locale)}</td>
                    <td className={styles.rowActions}>
                      <button
                        type="button"
                        className="secondary"
                        aria-expanded={open?.id === item.id}
                        onClick={async () => {
                          if (open?.id === item.id) return setOpen(null);
                          const code = await load(item.id);
                          if (code !== null) setOpen({ id: item.id, code });
                        }}
                      >
                        {open?.id === item.id ? S.close[locale] : S.view[locale]}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        onClick={async () => {
                          const code = open?.id === item.id ? open.code : await load(item.id);
                          if (code !== null && window.confirm(S.restoreConfirm[locale])) onRestore(code);
                        }}
                      >
                        {S.restore[locale]}
                      </button>
                    </td>
                  </tr>
                  {open?.id === item.id && (
                    // The code opens right under its own entry, not below the whole table.
                    <tr data-code-of={item.id}>
                      <td colSpan={4}>
                        <pre className={styles.pre} aria-label={`${S.view[locale]}: ${fmt.format(new Date(item.createdAt))}`} tabIndex={0}>
                          {open.code}
                        </pre>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
