import Link from "next/link";
import type { ReactNode } from "react";
import type { Locale } from "../../../graders/text";
import type { Db } from "../../_server/db/client";
import { catalogStanding, nextSteps, recentSubmissions, totals, type NextStep, type RecentSubmission } from "../../_server/progress";
import type { PublicUser } from "../../_server/users";
import { CATALOG_TEXT, percent, quizCount, solvedCount } from "./labels";
import { count, NOUNS } from "../text/count";
import { ProgressMeter } from "./progress-meter";

const L = {
  welcome: { en: "Welcome", ja: "ようこそ" },
  welcomeBack: { en: "Welcome back", ja: "おかえりなさい" },
  next: { en: "Next up", ja: "次にやること" },
  progress: { en: "My progress", ja: "進み具合" },
  recent: { en: "Recent submissions", ja: "最近の提出" },
  none: { en: "No submissions yet. Open an exercise, write your solution and press Submit.", ja: "まだ提出がありません。演習を開いて解答を書き、「提出」を押しましょう。" },
  exercise: { en: "Exercise", ja: "演習" },
  when: { en: "When", ja: "日時" },
  result: { en: "Result", ja: "結果" },
  score: { en: "Score", ja: "得点" },
  continue: { en: "Continue", ja: "続きから" },
  start: { en: "Start", ja: "はじめる" },
  quiz: { en: "Quiz", ja: "クイズ" },
  remaining: { en: "left", ja: "が未正解" },
  done: { en: "You have solved every exercise and quiz. Well done! Revisit any topic from the catalog.", ja: "すべての演習とクイズをクリアしました。お見事です！ 演習一覧からいつでも復習できます。" },
  passed: { en: "passed", ja: "合格" },
  failed: { en: "failed", ja: "不合格" },
  error: { en: "platform error (not your fault; retried)", ja: "システムエラー（あなたの責任ではありません。再採点されます）" },
  pending: { en: "grading…", ja: "採点中…" },
  all: { en: "All topics in the catalog", ja: "演習一覧へ" },
};

function relativeTime(date: Date, locale: Locale, now = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86400), "day");
}

function resultText(s: RecentSubmission, best: number | null | undefined, locale: Locale): string {
  if (s.status === "PENDING") return L.pending[locale];
  if (s.status === "ERROR" || s.verdict === "error") return L.error[locale];
  if (s.verdict === "passed") return L.passed[locale];
  // A failure says how far the learner got on that exercise, not a bare verdict.
  if (best === null || best === undefined) return L.failed[locale];
  return locale === "ja" ? `${L.failed.ja}（最高 ${percent(best)}）` : `${L.failed.en}, ${CATALOG_TEXT.best.en} ${percent(best)}`;
}

function Step({ step, locale }: { step: NextStep; locale: Locale }) {
  switch (step.kind) {
    case "continue":
    case "start":
      return (
        <Link className="next-step" href={`/exercises/${step.exercise.id}`}>
          <span className="next-kind">{step.kind === "continue" ? L.continue[locale] : L.start[locale]}</span>
          <strong>{step.exercise.title[locale]}</strong>
          {step.kind === "continue" && step.exercise.bestScore !== null && (
            <span className="muted">
              {CATALOG_TEXT.best[locale]} {percent(step.exercise.bestScore)}
            </span>
          )}
        </Link>
      );
    case "quiz":
      return (
        <Link className="next-step" href={`/topics/${step.topicId}/quiz`}>
          <span className="next-kind">{L.quiz[locale]}</span>
          <strong>{step.title[locale]}</strong>
          <span className="muted">
            {count(step.remaining, NOUNS.question, locale)} {L.remaining[locale]}
          </span>
        </Link>
      );
    case "done":
      return <p className="notice">{L.done[locale]}</p>;
  }
}

/** The signed-in learner's home: what to do next, progress across topics, recent submissions. */
export async function Dashboard({ db, user, locale, children }: { db: Db; user: PublicUser; locale: Locale; children?: ReactNode }) {
  const [topics, recent] = await Promise.all([catalogStanding(db, user.id), recentSubmissions(db, user.id)]);
  const steps = nextSteps(topics);
  const sum = totals(topics);
  const now = Date.now();
  const best = new Map(topics.flatMap((t) => t.exercises.map((e) => [e.id, e.bestScore] as const)));
  // A learner with nothing done yet is greeted as new; anyone with work behind them is welcomed back.
  const returning = recent.length > 0 || sum.quizCorrect > 0 || topics.some((t) => t.quiz.answered > 0 || t.exercises.some((e) => e.status !== "not-started"));
  return (
    <>
      <section className="card">
        <h1>
          {(returning ? L.welcomeBack : L.welcome)[locale]}, {user.displayName}
        </h1>
        <div className="topic-progress">
          <ProgressMeter value={sum.exercisesSolved} max={sum.exercisesTotal} label={solvedCount(sum.exercisesSolved, sum.exercisesTotal, locale)} />
          <ProgressMeter value={sum.quizCorrect} max={sum.quizTotal} label={quizCount(sum.quizCorrect, sum.quizTotal, locale)} />
        </div>
      </section>
      <section className="card" aria-labelledby="next-heading">
        <h2 id="next-heading">{L.next[locale]}</h2>
        <ul className="next-steps">
          {steps.map((s, i) => (
            <li key={i}>
              <Step step={s} locale={locale} />
            </li>
          ))}
        </ul>
      </section>
      {children}
      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{L.progress[locale]}</h2>
        <ul className="progress-list">
          {topics.map((t, i) => (
            <li key={t.id} data-topic={t.id}>
              <Link href={`/topics/${t.id}`} className="progress-topic">
                {i + 1}. {t.title[locale]}
              </Link>
              <ProgressMeter value={t.solved} max={t.exercises.length} label={solvedCount(t.solved, t.exercises.length, locale)} />
              {t.quiz.total > 0 && <ProgressMeter value={t.quiz.correct} max={t.quiz.total} label={quizCount(t.quiz.correct, t.quiz.total, locale)} />}
            </li>
          ))}
        </ul>
        <p>
          <Link href="/catalog">{L.all[locale]}</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="recent-heading">
        <h2 id="recent-heading">{L.recent[locale]}</h2>
        {recent.length === 0 ? (
          <p className="muted">{L.none[locale]}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{L.exercise[locale]}</th>
                  <th scope="col">{L.when[locale]}</th>
                  <th scope="col">{L.result[locale]}</th>
                  <th scope="col">{L.score[locale]}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link href={`/exercises/${s.exerciseId}`}>{s.title[locale]}</Link>
                    </td>
                    <td>
                      <time dateTime={s.createdAt.toISOString()} title={s.createdAt.toISOString()}>
                        {relativeTime(s.createdAt, locale, now)}
                      </time>
                    </td>
                    <td className={`result ${s.verdict ?? s.status.toLowerCase()}`}>{resultText(s, best.get(s.exerciseId), locale)}</td>
                    <td>{s.score !== null && s.status === "GRADED" ? percent(s.score) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
