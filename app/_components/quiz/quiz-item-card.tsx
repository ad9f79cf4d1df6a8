"use client";

import { useRouter } from "next/navigation";
import { startTransition, useId, useState, type FormEvent } from "react";
import type { Locale, LocalizedText } from "../../../graders/text";
import type { QuizAnswer, QuizFeedback, QuizItemView } from "../../_server/quizzes";
import { count, NOUNS } from "../text/count";

const L = {
  question: { en: "Question", ja: "問" },
  check: { en: "Check answer", ja: "答え合わせ" },
  checking: { en: "Checking…", ja: "確認中…" },
  again: { en: "Check again", ja: "もう一度答え合わせ" },
  choices: { en: "Choices", ja: "選択肢" },
  chooseOne: { en: "Choose one.", ja: "ひとつ選んでください。" },
  chooseAll: { en: "Select every option that applies.", ja: "当てはまるものをすべて選んでください。" },
  yourAnswer: { en: "Your answer", ja: "あなたの答え" },
  numberHint: { en: "A number, e.g. 0.25 or 1.5e-3.", ja: "数値（例：0.25、1.5e-3）。" },
  right: { en: "Correct.", ja: "正解です。" },
  wrong: { en: "Not quite.", ja: "不正解です。" },
  expected: { en: "The answer is", ja: "正解は" },
  expectedChoices: { en: "The right choice is marked ✓.", ja: "正しい選択肢に ✓ を付けました。" },
  correctMark: { en: "correct", ja: "正解" },
  attempts: { en: "Tried", ja: "回答" },
  attemptsLeft: { en: "Graded: attempts left", ja: "採点対象：残り解答回数" },
  due: { en: "due", ja: "締切" },
  noneLeft: { en: "No attempts left; the answer is shown.", ja: "解答回数を使い切りました。正解を表示しています。" },
  show: { en: "Show answer", ja: "正解を見る" },
  showHint: {
    en: "Practice: after \"Show answer\", this question earns no credit until it gets new numbers.",
    ja: "練習：「正解を見る」の後、この問題は新しい数値になるまで得点になりません。",
  },
  noCredit: { en: "(the answer was shown: no credit)", ja: "（正解表示済み：得点なし）" },
  pickFirst: { en: "Choose an answer or type a number first.", ja: "先に選択肢を選ぶか、数値を入力してください。" },
  offline: {
    en: "Could not reach the server, so this answer was not recorded. Check your connection and try again.",
    ja: "サーバーに接続できなかったため、この回答は記録されていません。接続を確かめて、もう一度お試しください。",
  },
  signedOut: {
    en: "Your session has ended. Sign in again (in another tab keeps this page), then check your answer again.",
    ja: "セッションが切れました。（別のタブで）もう一度サインインしてから、再度答え合わせをしてください。",
  },
};

const TYPE_LABEL: Record<QuizItemView["type"], LocalizedText> = {
  single: { en: "single choice", ja: "単一選択" },
  multi: { en: "multiple choice", ja: "複数選択" },
  numeric: { en: "number", ja: "数値" },
  "param-numeric": { en: "number · your own values", ja: "数値・あなた専用の値" },
};

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(6)));
}

function initialSelection(item: QuizItemView): { choice: string; choices: string[]; number: string } {
  const a: QuizAnswer | undefined = item.last?.answer;
  return {
    choice: typeof a === "string" ? a : "",
    choices: Array.isArray(a) ? a : [],
    number: typeof a === "number" ? String(a) : "",
  };
}

/**
 * One quiz question: the prompt (rendered on the server), the answer controls, and the feedback with the
 * explanation right after checking. The page keeps the learner's last attempt, so a revisit shows it again.
 */
export function QuizItemCard({ item, locale }: { item: QuizItemView; locale: Locale }) {
  const router = useRouter();
  const uid = useId();
  const start = initialSelection(item);
  const [choice, setChoice] = useState(start.choice);
  const [choices, setChoices] = useState<string[]>(start.choices);
  const [number, setNumber] = useState(start.number);
  const [feedback, setFeedback] = useState<QuizFeedback | undefined>(item.last?.feedback);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [attempts, setAttempts] = useState(item.attempts);
  const [used, setUsed] = useState(item.attemptsUsed ?? 0);
  const graded = item.mode === "graded";
  const usedUp = graded && used >= (item.maxAttempts ?? 0);

  const headingId = `${uid}-h`;
  const errorId = `${uid}-err`;
  const isChoice = item.type === "single" || item.type === "multi";

  function answerValue(): QuizAnswer | null {
    if (item.type === "single") return choice || null;
    if (item.type === "multi") return choices.length > 0 ? choices : null;
    return number.trim() === "" ? null : number;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const answer = answerValue();
    if (answer === null) {
      setError(L.pickFirst[locale]);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch("/api/quiz/answers", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ itemId: item.id, answer }),
      });
      const body = (await res.json().catch(() => null)) as (QuizFeedback & { error?: LocalizedText; fieldErrors?: Record<string, LocalizedText> }) | null;
      if (res.status === 401) setError(L.signedOut[locale]);
      else if (!res.ok || !body) setError(body?.fieldErrors?.answer?.[locale] ?? body?.error?.[locale] ?? L.offline[locale]);
      else {
        setFeedback(body);
        setAttempts((n) => n + 1);
        if (body.attemptsUsed !== undefined) setUsed(body.attemptsUsed);
        // The page's progress meter is rendered on the server; this card keeps its own state across the refresh.
        startTransition(() => router.refresh());
      }
    } catch {
      setError(L.offline[locale]);
    } finally {
      setBusy(false);
    }
  }

  async function onReveal() {
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch("/api/quiz/reveal", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ itemId: item.id }) });
      const body = (await res.json().catch(() => null)) as (QuizFeedback & { error?: LocalizedText }) | null;
      if (res.status === 401) setError(L.signedOut[locale]);
      else if (!res.ok || !body) setError(body?.error?.[locale] ?? L.offline[locale]);
      else setFeedback(body);
    } catch {
      setError(L.offline[locale]);
    } finally {
      setBusy(false);
    }
  }

  const correctIds = new Set(feedback?.correctChoiceIds ?? []);
  const selected = (id: string) => (item.type === "single" ? choice === id : choices.includes(id));

  return (
    <article className="card quiz-item" aria-labelledby={headingId} data-quiz-item={item.id} data-type={item.type}>
      <h2 id={headingId} className="quiz-heading">
        {L.question[locale]} {item.number} <span className="badge">{TYPE_LABEL[item.type][locale]}</span>
      </h2>
      <div className="prose" dangerouslySetInnerHTML={{ __html: item.promptHtml }} />
      <form className="stack" onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby={error ? errorId : undefined}>
        {isChoice && (
          <fieldset className="choices">
            <legend>{item.type === "single" ? L.chooseOne[locale] : L.chooseAll[locale]}</legend>
            {item.choices?.map((c) => {
              const mark = feedback && correctIds.has(c.id);
              const wrongPick = feedback && !feedback.correct && selected(c.id) && !correctIds.has(c.id);
              return (
                <label key={c.id} className={`choice${mark ? " is-correct" : ""}${wrongPick ? " is-wrong" : ""}`}>
                  <input
                    type={item.type === "single" ? "radio" : "checkbox"}
                    name={`${uid}-choice`}
                    value={c.id}
                    aria-label={c.name}
                    checked={selected(c.id)}
                    onChange={(e) => {
                      if (item.type === "single") setChoice(c.id);
                      else setChoices((prev) => (e.target.checked ? [...prev, c.id] : prev.filter((x) => x !== c.id)));
                    }}
                  />
                  <span dangerouslySetInnerHTML={{ __html: c.html }} />
                  {mark && (
                    <span className="mark" aria-label={L.correctMark[locale]}>
                      ✓
                    </span>
                  )}
                </label>
              );
            })}
          </fieldset>
        )}
        {!isChoice && (
          <label className="numeric-answer">
            {L.yourAnswer[locale]}
            <input
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              aria-describedby={`${uid}-hint`}
            />
            <span id={`${uid}-hint`} className="hint">
              {L.numberHint[locale]}
            </span>
          </label>
        )}
        <div className="inline-form">
          <button type="submit" disabled={busy || usedUp}>
            {busy ? L.checking[locale] : feedback ? L.again[locale] : L.check[locale]}
          </button>
          {!graded && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void onReveal()} title={L.showHint[locale]}>
              {L.show[locale]}
            </button>
          )}
          {graded && (
            <span className="muted small" data-attempts-left>
              {L.attemptsLeft[locale]}: {Math.max(0, (item.maxAttempts ?? 0) - used)} / {item.maxAttempts} · {L.due[locale]} {item.dueAt ? new Date(item.dueAt).toLocaleString(locale) : ""}
            </span>
          )}
          {usedUp && <span className="muted small">{L.noneLeft[locale]}</span>}
          {attempts > 0 && (
            <span className="muted small">
              {L.attempts[locale]}: {count(attempts, NOUNS.attempt, locale)}
            </span>
          )}
        </div>
        {error && (
          <p id={errorId} className="alert" role="alert">
            {error}
          </p>
        )}
      </form>
      <div className="quiz-feedback" aria-live="polite">
        {feedback && (
          <div className={feedback.correct ? "notice" : "alert soft"} data-correct={feedback.correct}>
            <p>
              <strong>{feedback.correct ? L.right[locale] : L.wrong[locale]}</strong>{" "}
              {!feedback.correct && feedback.correctValue !== undefined && (
                <>
                  {L.expected[locale]} <strong className="expected-value">{formatNumber(feedback.correctValue)}</strong>
                  {locale === "ja" ? "。" : "."}
                </>
              )}
              {!feedback.correct && feedback.correctChoiceIds && L.expectedChoices[locale]}
            </p>
            {feedback.correct && feedback.credit === 0 && <p className="muted small">{L.noCredit[locale]}</p>}
            {feedback.explanationHtml && <div className="prose explanation" dangerouslySetInnerHTML={{ __html: feedback.explanationHtml }} />}
          </div>
        )}
      </div>
    </article>
  );
}
