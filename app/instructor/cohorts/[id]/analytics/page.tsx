import Link from "next/link";
import { redirect } from "next/navigation";
import type { Locale } from "../../../../../graders/text";
import { ErrorCard } from "../../../../_components/cohorts/error-card";
import { analyticsAs, type CohortAnalytics, type ExerciseAnalytics, type MessageCount, type QuizAnalytics } from "../../../../_server/analytics";
import { getDb } from "../../../../_server/db";
import { percent } from "../../../../_server/gradebook";
import { uiLocale } from "../../../../_server/locale";
import { currentUser } from "../../../../_server/session";
import { count, NOUNS } from "../../../../_components/text/count";

export const dynamic = "force-dynamic";

const L = {
  title: { en: "Analytics", ja: "分析" },
  back: { en: "← Cohort", ja: "← コホート" },
  gradebook: { en: "Gradebook", ja: "成績表" },
  lead: {
    en: "Where the cohort's students get stuck, from every graded submission and quiz answer of the students enrolled now.",
    ja: "現在登録されている学生のすべての採点済み提出とクイズ解答から、つまずきやすい点を示します。",
  },
  exercises: { en: "Exercises", ja: "演習" },
  quizzes: { en: "Quizzes", ja: "クイズ" },
  nothing: { en: "Nothing assigned yet: assign an exercise or a quiz on the cohort page.", ja: "まだ課題がありません。コホートのページで演習またはクイズを課題にしてください。" },
  noStudents: { en: "No students yet: share the join code on the cohort page.", ja: "まだ学生はいません。コホートのページで参加コードを伝えてください。" },
  passRate: { en: "Pass rate", ja: "合格率" },
  passDetail: { en: (s: number, n: number, sub: number) => `${s} of ${count(n, NOUNS.student, "en")} solved it (${sub} submitted)`, ja: (s: number, n: number, sub: number) => `${n} 人中 ${s} 人が満点（提出 ${sub} 人）` },
  median: { en: "Median attempts to solve", ja: "満点までの提出回数（中央値）" },
  noSolver: { en: "nobody solved it yet", ja: "まだ満点の学生はいません" },
  graded: { en: (n: number) => count(n, NOUNS.gradedSubmission, "en"), ja: (n: number) => `採点済み提出 ${count(n, NOUNS.submission, "ja")}` },
  failingCases: { en: "Failures by case", ja: "ケース別の不合格" },
  failingLead: { en: "Share of the students who submitted whose work failed the case at least once.", ja: "提出した学生のうち、そのケースで一度でも不合格になった学生の割合。" },
  failSentence: { en: (pct: number, name: string) => `${pct}% of students fail on ${name}`, ja: (pct: number, name: string) => `${pct}% の学生が「${name}」で不合格` },
  noFailures: { en: "No failing case so far.", ja: "これまで不合格のケースはありません。" },
  hidden: { en: "hidden", ja: "非公開" },
  visible: { en: "visible", ja: "公開" },
  runtime: { en: "Most common runtime errors", ja: "多い実行時エラー" },
  messages: { en: "Most common feedback messages", ja: "多いフィードバック" },
  noneYet: { en: "None.", ja: "ありません。" },
  counts: {
    en: (s: number, u: number) => `${count(s, NOUNS.submission, "en")} · ${count(u, NOUNS.student, "en")}`,
    ja: (s: number, u: number) => `提出 ${count(s, NOUNS.submission, "ja")}・学生 ${count(u, NOUNS.student, "ja")}`,
  },
  retired: { en: "(retired)", ja: "（削除済み）" },
  answersHeading: { en: (n: number, u: number, first: number) => `${count(n, NOUNS.answer, "en")} from ${count(u, NOUNS.student, "en")}; ${first} right at the first try`, ja: (n: number, u: number, first: number) => `学生 ${u} 人から解答 ${n} 件・初回正解 ${first} 人` },
  answer: { en: "Answer", ja: "解答" },
  count: { en: "Count", ja: "件数" },
  share: { en: "Share", ja: "割合" },
  correct: { en: "correct", ja: "正解" },
  noAnswers: { en: "No answers yet.", ja: "まだ解答はありません。" },
};

function Messages({ title, list, testId, locale }: { title: string; list: MessageCount[]; testId: string; locale: Locale }) {
  return (
    <div data-testid={testId}>
      <h4>{title}</h4>
      {list.length === 0 ? (
        <p className="muted">{L.noneYet[locale]}</p>
      ) : (
        <ol>
          {list.map((m) => (
            <li key={m.text.en} className="prose">
              {m.text[locale]} <span className="hint">({L.counts[locale](m.submissions, m.students)})</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function ExerciseCard({ e, locale }: { e: ExerciseAnalytics; locale: Locale }) {
  const headingId = `ex-${e.item.itemId}`;
  return (
    <article className="card" aria-labelledby={headingId} data-exercise={e.item.refId} data-pass-rate={percent(e.passRate)}>
      <h3 id={headingId} style={{ marginTop: 0 }}>
        {e.item.title[locale]} {!e.item.active && <span className="muted">{L.retired[locale]}</span>}
      </h3>
      <p>
        <strong>{L.passRate[locale]}:</strong> {percent(e.passRate)}% <span className="hint">({L.passDetail[locale](e.solved, e.students, e.submitted)})</span>
        <br />
        <strong>{L.median[locale]}:</strong> {e.medianAttemptsToSolve ?? <span className="muted">{L.noSolver[locale]}</span>}{" "}
        <span className="hint">({L.graded[locale](e.gradedSubmissions)})</span>
      </p>
      <h4>{L.failingCases[locale]}</h4>
      {e.failingCases.length === 0 ? (
        <p className="muted">{L.noFailures[locale]}</p>
      ) : (
        <>
          <p className="hint">{L.failingLead[locale]}</p>
          <ul className="progress-list" data-testid="failing-cases">
            {e.failingCases.map((c) => (
              <li key={c.name} data-case={c.name} data-share={percent(c.share)}>
                <span>
                  {L.failSentence[locale](percent(c.share), c.label[locale] || c.name)} <span className="hint">({c.visibility === "hidden" ? L.hidden[locale] : L.visible[locale]})</span>
                </span>
                <progress max={1} value={c.share} aria-label={`${c.label[locale] || c.name}: ${percent(c.share)}%`} style={{ width: "16rem", maxWidth: "100%" }} />
              </li>
            ))}
          </ul>
        </>
      )}
      <Messages title={L.runtime[locale]} list={e.runtimeErrors} testId="runtime-errors" locale={locale} />
      <Messages title={L.messages[locale]} list={e.messages} testId="messages" locale={locale} />
    </article>
  );
}

function QuizCard({ q, locale }: { q: QuizAnalytics; locale: Locale }) {
  const headingId = `quiz-${q.item.itemId}`;
  return (
    <article className="card" aria-labelledby={headingId} data-quiz={q.item.refId}>
      <h3 id={headingId} style={{ marginTop: 0 }}>
        {q.item.title[locale]}
      </h3>
      {q.items.map((item) => (
        <section key={item.quizItemId} data-quiz-item={item.quizItemId} aria-labelledby={`qi-${item.quizItemId}`}>
          <h4 id={`qi-${item.quizItemId}`}>
            {item.prompt?.[locale] ?? item.quizItemId} {!item.active && <span className="muted">{L.retired[locale]}</span>}
          </h4>
          <p className="hint">{L.answersHeading[locale](item.answers, item.students, item.firstTryCorrect)}</p>
          {item.answers === 0 ? (
            <p className="muted">{L.noAnswers[locale]}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{L.answer[locale]}</th>
                    <th scope="col">{L.count[locale]}</th>
                    <th scope="col">{L.share[locale]}</th>
                  </tr>
                </thead>
                <tbody>
                  {item.distribution.map((d) => (
                    <tr key={d.answer} data-correct={d.correct ? "true" : "false"}>
                      <td>
                        {d.text[locale]} {d.correct && <span className="badge solved">{L.correct[locale]}</span>}
                      </td>
                      <td>{d.count}</td>
                      <td>
                        <progress max={1} value={d.share} aria-label={`${percent(d.share)}%`} style={{ width: "8rem", maxWidth: "100%" }} /> {percent(d.share)}%
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </article>
  );
}

export default async function AnalyticsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const me = await currentUser();
  if (!me) redirect(`/signin?callbackUrl=${encodeURIComponent(`/instructor/cohorts/${id}/analytics`)}`);
  const locale = await uiLocale(me);
  let analytics: CohortAnalytics;
  try {
    analytics = await analyticsAs(await getDb(), me.id, id);
  } catch (error) {
    return <ErrorCard error={error} locale={locale} />;
  }
  const { cohort, exercises, quizzes } = analytics;
  return (
    <>
      <p>
        <Link href={`/instructor/cohorts/${cohort.id}`}>{L.back[locale]}</Link> · <Link href={`/instructor/cohorts/${cohort.id}/gradebook`}>{L.gradebook[locale]}</Link>
      </p>
      <section className="card">
        <h1>
          {L.title[locale]}: {cohort.name}
        </h1>
        <p className="muted">{L.lead[locale]}</p>
        {analytics.students === 0 && <p className="muted">{L.noStudents[locale]}</p>}
        {exercises.length === 0 && quizzes.length === 0 && <p className="muted">{L.nothing[locale]}</p>}
      </section>
      {exercises.length > 0 && (
        <section aria-labelledby="exercises-heading">
          <h2 id="exercises-heading">{L.exercises[locale]}</h2>
          {exercises.map((e) => (
            <ExerciseCard key={e.item.itemId} e={e} locale={locale} />
          ))}
        </section>
      )}
      {quizzes.length > 0 && (
        <section aria-labelledby="quizzes-heading">
          <h2 id="quizzes-heading">{L.quizzes[locale]}</h2>
          {quizzes.map((q) => (
            <QuizCard key={q.item.itemId} q={q} locale={locale} />
          ))}
        </section>
      )}
    </>
  );
}
