import type { Locale } from "../../../graders/text";
import type { ExerciseAnalytics, MessageCount, QuizAnalytics } from "../../_server/analytics";
import { plainOrMathHtml, type AnalyticsView } from "../../_server/analytics-view";
import { percent } from "../../_server/gradebook";
import { count, NOUNS } from "../text/count";

/**
 * The cards of the cohort analytics page (app/instructor/cohorts/[id]/analytics): one per assigned exercise and quiz.
 * Statements, prompts, choices and answers arrive rendered (analytics-view.ts: KaTeX, the learners' own numbers).
 */
export const ANALYTICS_L = {
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
  statement: { en: "Statement", ja: "問題文" },
  question: { en: (n: number) => `Question ${n}`, ja: (n: number) => `問 ${n}` },
  rightAnswer: { en: "Correct answer", ja: "正解" },
  wrong: { en: "wrong", ja: "不正解" },
  numbersVary: {
    en: "Each student has their own numbers: shown above as the latest answer's student saw them, and below with each answer.",
    ja: "数値は学生ごとに異なります。上は最新の解答者が見た問題、下は解答ごとの問題です。",
  },
  latest: { en: "Latest answers, with each student's own numbers", ja: "最新の解答（学生ごとの数値）" },
  student: { en: "Student", ja: "学生" },
  theirQuestion: { en: "Their question", ja: "その学生の問題" },
};

function Messages({ title, list, testId, locale }: { title: string; list: MessageCount[]; testId: string; locale: Locale }) {
  return (
    <div data-testid={testId}>
      <h4>{title}</h4>
      {list.length === 0 ? (
        <p className="muted">{ANALYTICS_L.noneYet[locale]}</p>
      ) : (
        <ol>
          {list.map((m) => (
            <li key={m.text.en} className="prose">
              <span dangerouslySetInnerHTML={{ __html: plainOrMathHtml(m.text[locale]) }} /> <span className="hint">({ANALYTICS_L.counts[locale](m.submissions, m.students)})</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function ExerciseCard({ e, view, locale }: { e: ExerciseAnalytics; view: AnalyticsView; locale: Locale }) {
  const statement = view.statements.get(e.item.refId);
  const headingId = `ex-${e.item.itemId}`;
  return (
    <article className="card" aria-labelledby={headingId} data-exercise={e.item.refId} data-pass-rate={percent(e.passRate)}>
      <h3 id={headingId} style={{ marginTop: 0 }}>
        {e.item.title[locale]} {!e.item.active && <span className="muted">{ANALYTICS_L.retired[locale]}</span>}
      </h3>
      <p>
        <strong>{ANALYTICS_L.passRate[locale]}:</strong> {percent(e.passRate)}% <span className="hint">({ANALYTICS_L.passDetail[locale](e.solved, e.students, e.submitted)})</span>
        <br />
        <strong>{ANALYTICS_L.median[locale]}:</strong> {e.medianAttemptsToSolve ?? <span className="muted">{ANALYTICS_L.noSolver[locale]}</span>}{" "}
        <span className="hint">({ANALYTICS_L.graded[locale](e.gradedSubmissions)})</span>
      </p>
      {statement && (
        <details>
          <summary>{ANALYTICS_L.statement[locale]}</summary>
          <div className="prose" data-testid="statement" dangerouslySetInnerHTML={{ __html: statement }} />
        </details>
      )}
      <h4>{ANALYTICS_L.failingCases[locale]}</h4>
      {e.failingCases.length === 0 ? (
        <p className="muted">{ANALYTICS_L.noFailures[locale]}</p>
      ) : (
        <>
          <p className="hint">{ANALYTICS_L.failingLead[locale]}</p>
          <ul className="progress-list" data-testid="failing-cases">
            {e.failingCases.map((c) => (
              <li key={c.name} data-case={c.name} data-share={percent(c.share)}>
                <span>
                  <span dangerouslySetInnerHTML={{ __html: plainOrMathHtml(ANALYTICS_L.failSentence[locale](percent(c.share), c.label[locale] || c.name)) }} /> <span className="hint">({c.visibility === "hidden" ? ANALYTICS_L.hidden[locale] : ANALYTICS_L.visible[locale]})</span>
                </span>
                <progress max={1} value={c.share} aria-label={`${(c.label[locale] || c.name).replace(/\$/g, "")}: ${percent(c.share)}%`} style={{ width: "16rem", maxWidth: "100%" }} />
              </li>
            ))}
          </ul>
        </>
      )}
      <Messages title={ANALYTICS_L.runtime[locale]} list={e.runtimeErrors} testId="runtime-errors" locale={locale} />
      <Messages title={ANALYTICS_L.messages[locale]} list={e.messages} testId="messages" locale={locale} />
    </article>
  );
}

export function QuizCard({ q, view, locale }: { q: QuizAnalytics; view: AnalyticsView; locale: Locale }) {
  const headingId = `quiz-${q.item.itemId}`;
  return (
    <article className="card" aria-labelledby={headingId} data-quiz={q.item.refId}>
      <h3 id={headingId} style={{ marginTop: 0 }}>
        {q.item.title[locale]}
      </h3>
      {q.items.map((item, n) => {
        const v = view.quizItems.get(item.quizItemId);
        return (
          <section key={item.quizItemId} data-quiz-item={item.quizItemId} aria-labelledby={`qi-${item.quizItemId}`}>
            <h4 id={`qi-${item.quizItemId}`}>
              {ANALYTICS_L.question[locale](n + 1)} <span className="hint">({item.quizItemId})</span> {!item.active && <span className="muted">{ANALYTICS_L.retired[locale]}</span>}
            </h4>
            {v && <div className="prose" data-testid="prompt" dangerouslySetInnerHTML={{ __html: v.promptHtml }} />}
            {v?.numbersVary && <p className="hint">{ANALYTICS_L.numbersVary[locale]}</p>}
            {v?.correctHtml && (
              <p>
                {ANALYTICS_L.rightAnswer[locale]}: <span data-correct-answer dangerouslySetInnerHTML={{ __html: v.correctHtml }} />
              </p>
            )}
            <p className="hint">{ANALYTICS_L.answersHeading[locale](item.answers, item.students, item.firstTryCorrect)}</p>
            {item.answers === 0 ? (
              <p className="muted">{ANALYTICS_L.noAnswers[locale]}</p>
            ) : v?.numbersVary ? (
              <LatestAnswers v={v} locale={locale} />
            ) : (
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{ANALYTICS_L.answer[locale]}</th>
                      <th scope="col">{ANALYTICS_L.count[locale]}</th>
                      <th scope="col">{ANALYTICS_L.share[locale]}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {item.distribution.map((d) => (
                      <tr key={d.answer} data-correct={d.correct ? "true" : "false"}>
                        <td>
                          <span dangerouslySetInnerHTML={{ __html: v?.answerHtml.get(d.answer) ?? plainOrMathHtml(d.text[locale]) }} /> {d.correct && <span className="badge solved">{ANALYTICS_L.correct[locale]}</span>}
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
        );
      })}
    </article>
  );
}

/** Param-numeric items: each learner had their own numbers, so the latest answers are shown with them. */
function LatestAnswers({ v, locale }: { v: AnalyticsView["quizItems"] extends Map<string, infer T> ? T : never; locale: Locale }) {
  return (
    <div className="table-scroll">
      <table data-testid="latest-answers">
        <caption className="sr-only">{ANALYTICS_L.latest[locale]}</caption>
        <thead>
          <tr>
            <th scope="col">{ANALYTICS_L.student[locale]}</th>
            <th scope="col">{ANALYTICS_L.theirQuestion[locale]}</th>
            <th scope="col">{ANALYTICS_L.answer[locale]}</th>
            <th scope="col">{ANALYTICS_L.rightAnswer[locale]}</th>
          </tr>
        </thead>
        <tbody>
          {v.latest.map((a) => (
            <tr key={a.id} data-answer={a.id} data-correct={a.correct ? "true" : "false"}>
              <td>{a.student}</td>
              <td>
                <div className="prose" dangerouslySetInnerHTML={{ __html: a.promptHtml }} />
              </td>
              <td>
                <span dangerouslySetInnerHTML={{ __html: a.answerHtml }} /> <strong style={{ color: a.correct ? "var(--ok)" : "var(--danger)" }}>{a.correct ? ANALYTICS_L.correct[locale] : ANALYTICS_L.wrong[locale]}</strong>
              </td>
              <td>
                <span data-correct-answer dangerouslySetInnerHTML={{ __html: a.correctHtml }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
