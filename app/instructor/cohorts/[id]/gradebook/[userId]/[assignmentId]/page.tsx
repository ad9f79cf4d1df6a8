import Link from "next/link";
import { redirect } from "next/navigation";
import type { Locale, LocalizedText } from "../../../../../../../graders/text";
import type { Verdict } from "../../../../../../../graders/verdict";
import { latePolicyText } from "../../../../../../_components/assignments/late-policy-text";
import { ErrorCard } from "../../../../../../_components/cohorts/error-card";
import { CodeViewer } from "../../../../../../_components/exercise/code-viewer";
import { quizItemTexts, type QuizItemText } from "../../../../../../_server/analytics";
import { renderAttempts, type RenderedAttempt } from "../../../../../../_server/quizzes";
import { getDb } from "../../../../../../_server/db";
import { percent, studentItemWorkAs, type ItemWork, type QuizAnswerDetail, type StudentItemWork, type SubmissionDetail } from "../../../../../../_server/gradebook";
import { uiLocale } from "../../../../../../_server/locale";
import { currentUser } from "../../../../../../_server/session";
import { formatInZone } from "../../../../../../_server/time-zone";
import { GRADEBOOK_L as G } from "../../text";

import { overrideHistory } from "../../../../../../_server/overrides";
import { OverrideCard } from "../../override-card";

export const dynamic = "force-dynamic";

const L = {
  submissions: { en: "Submissions, newest first", ja: "提出（新しい順）" },
  answers: { en: "Quiz answers, newest first", ja: "クイズの解答（新しい順）" },
  none: { en: "Nothing submitted yet.", ja: "まだ提出はありません。" },
  submission: { en: "Submission", ja: "提出" },
  score: { en: "Score", ja: "得点" },
  counted: { en: "Counted", ja: "算入" },
  countsBadge: { en: "counts in the gradebook", ja: "成績表に算入" },
  refused: { en: "refused (late)", ja: "不受理（遅延）" },
  outside: { en: "not counted (before joining or opening, or another cohort's)", ja: "算入なし（参加前・公開前、または他のコホート）" },
  rightAnswer: { en: "Correct answer", ja: "正解" },
  daysLate: { en: (n: number) => `${n} day${n === 1 ? "" : "s"} late`, ja: (n: number) => `${n} 日遅れ` },
  onTime: { en: "on time", ja: "期限内" },
  cases: { en: "Cases", ja: "テストケース" },
  case: { en: "Case", ja: "ケース" },
  result: { en: "Result", ja: "結果" },
  message: { en: "Message", ja: "メッセージ" },
  hidden: { en: "hidden", ja: "非公開" },
  visible: { en: "visible", ja: "公開" },
  passed: { en: "passed", ja: "合格" },
  failed: { en: "failed", ja: "不合格" },
  suspicious: { en: "suspicious", ja: "要確認" },
  code: { en: "Code", ja: "コード" },
  codeOf: { en: (n: number) => `Code of submission ${n} (read-only)`, ja: (n: number) => `提出 ${n} のコード（読み取り専用）` },
  compileError: { en: "Compile error", ja: "コンパイルエラー" },
  pending: { en: "Grading… reload in a moment.", ja: "採点中です。しばらくしてから再読み込みしてください。" },
  platformError: {
    en: "Platform error: not the student's fault; it is re-graded automatically and never costs an attempt.",
    ja: "システムエラー: 学生の責任ではありません。自動的に再採点され、提出回数にも数えません。",
  },
  noVerdict: { en: "No verdict stored.", ja: "採点結果が保存されていません。" },
  question: { en: "Question", ja: "問題" },
  answer: { en: "Answer", ja: "解答" },
  when: { en: "When", ja: "日時" },
  correct: { en: "correct", ja: "正解" },
  wrong: { en: "wrong", ja: "不正解" },
  policy: { en: "Late policy", ja: "遅延時の扱い" },
  due: { en: "Due", ja: "締切" },
  setScore: { en: "Points", ja: "得点" },
  overriddenWord: { en: "overridden", ja: "上書き" },
  lateWord: { en: "late", ja: "遅延" },
  points: { en: "points", ja: "点" },
  extended: { en: "extension", ja: "延長" },
  assignmentDue: { en: "the assignment's due date:", ja: "課題の締切:" },
};

function LateNote({ daysLate, locale }: { daysLate: number; locale: Locale }) {
  return daysLate > 0 ? <span className="badge attempted">{L.daysLate[locale](daysLate)}</span> : <span className="muted">{L.onTime[locale]}</span>;
}

function scoreText(score: number | null): string {
  return score === null ? "—" : `${percent(score)}%`;
}

function Cases({ verdict, locale }: { verdict: Verdict; locale: Locale }) {
  const text = (t: LocalizedText | undefined) => t?.[locale] ?? "";
  return (
    <>
      {verdict.message && <p className="alert soft">{text(verdict.message)}</p>}
      {verdict.compileError && (
        <p className="alert soft" data-compile-error>
          <strong>{L.compileError[locale]}</strong>
          {verdict.compileError.position ? ` (line ${verdict.compileError.position.line})` : ""}: {verdict.compileError.message}
        </p>
      )}
      {verdict.cases.length > 0 && (
        <div className="table-scroll">
          <table data-testid="cases">
            <caption className="sr-only">{L.cases[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{L.case[locale]}</th>
                <th scope="col">{L.result[locale]}</th>
                <th scope="col">{L.message[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {verdict.cases.map((c, i) => (
                <tr key={`${c.name}-${i}`} data-case={c.name} data-status={c.status}>
                  <td>
                    {text(c.label) || c.name} <span className="hint">({c.visibility === "hidden" ? L.hidden[locale] : L.visible[locale]})</span>
                  </td>
                  <td>
                    <strong style={{ color: c.status === "passed" ? "var(--ok)" : c.status === "failed" ? "var(--danger)" : undefined }}>{L[c.status][locale]}</strong>
                  </td>
                  <td className="prose">{text(c.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function SubmissionCard({ s, n, first, zone, locale }: { s: SubmissionDetail; n: number; first: boolean; zone: string; locale: Locale }) {
  return (
    <article className="card" data-submission={s.id} data-status={s.status} data-score={s.score === null ? "" : percent(s.score)} aria-labelledby={`sub-${s.id}`}>
      <h3 id={`sub-${s.id}`} style={{ marginTop: 0 }}>
        {L.submission[locale]} {n} · {formatInZone(s.createdAt, zone, locale)}
      </h3>
      <p className="inline-form" style={{ flexWrap: "wrap" }}>
        <span>
          {L.score[locale]}: <strong>{scoreText(s.score)}</strong>
        </span>
        {s.status === "GRADED" && (
          <span>
            {L.counted[locale]}: <strong>{s.counted === null ? L.refused[locale] : scoreText(s.counted)}</strong>
          </span>
        )}
        <LateNote daysLate={s.daysLate} locale={locale} />
        {s.counts && <span className="badge solved">{L.countsBadge[locale]}</span>}
      </p>
      {s.status === "PENDING" && <p className="muted">{L.pending[locale]}</p>}
      {s.status === "ERROR" && <p className="muted">{L.platformError[locale]}</p>}
      {s.status === "GRADED" && (s.verdict ? <Cases verdict={s.verdict} locale={locale} /> : <p className="muted">{L.noVerdict[locale]}</p>)}
      <CodeViewer code={s.code} id={s.id} open={first} summary={L.code[locale]} ariaLabel={L.codeOf[locale](n)} />
    </article>
  );
}

function Answers({ answers, texts, rendered, zone, locale }: { answers: QuizAnswerDetail[]; texts: Map<string, QuizItemText>; rendered: Map<string, RenderedAttempt>; zone: string; locale: Locale }) {
  if (answers.length === 0) return <p className="muted">{L.none[locale]}</p>;
  return (
    <div className="table-scroll">
      <table data-testid="answers">
        <thead>
          <tr>
            <th scope="col">{L.when[locale]}</th>
            <th scope="col">{L.question[locale]}</th>
            <th scope="col">{L.answer[locale]}</th>
            <th scope="col">{L.rightAnswer[locale]}</th>
            <th scope="col">{L.result[locale]}</th>
            <th scope="col">{L.counted[locale]}</th>
          </tr>
        </thead>
        <tbody>
          {answers.map((a) => {
            const t = texts.get(a.quizItemId);
            // What the learner saw: their own numbers, rendered with KaTeX (the stored copy only for retired items).
            const r = rendered.get(a.id);
            return (
              <tr key={a.id} data-answer={a.id} data-correct={a.correct ? "true" : "false"}>
                <td>{formatInZone(a.createdAt, zone, locale)}</td>
                <td>
                  {r ? <div className="prose" dangerouslySetInnerHTML={{ __html: r.promptHtml }} /> : (t?.prompt?.[locale] ?? "")} <span className="hint">({a.quizItemId})</span>
                </td>
                <td>{r ? <span dangerouslySetInnerHTML={{ __html: r.answerHtml }} /> : t ? t.answer(a.answer)[locale] : a.answer}</td>
                <td>{r ? <span data-correct-answer dangerouslySetInnerHTML={{ __html: r.correctHtml }} /> : ""}</td>
                <td>
                  <strong style={{ color: a.correct ? "var(--ok)" : "var(--danger)" }}>{a.correct ? L.correct[locale] : L.wrong[locale]}</strong>
                </td>
                <td>
                  {a.outside ? L.outside[locale] : a.counted === null ? L.refused[locale] : scoreText(a.counted)} <LateNote daysLate={a.daysLate} locale={locale} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export default async function DrillDownPage({ params }: { params: Promise<{ id: string; userId: string; assignmentId: string }> }) {
  const { id, userId, assignmentId } = await params;
  const me = await currentUser();
  if (!me) redirect(`/signin?callbackUrl=${encodeURIComponent(`/instructor/cohorts/${id}/gradebook/${userId}/${assignmentId}`)}`);
  const locale = await uiLocale(me);
  const db = await getDb();
  let work: StudentItemWork;
  try {
    work = await studentItemWorkAs(db, me.id, id, userId, assignmentId);
  } catch (error) {
    return <ErrorCard error={error} locale={locale} />;
  }
  const { cohort, student, assignment, rules } = work;
  const zone = cohort.timeZone;
  const sections = await Promise.all(
    work.items.map(async (w) => ({
      w,
      history: await overrideHistory(db, w.item.itemId, student.userId),
      texts: w.item.kind === "QUIZ" ? await quizItemTexts(db, w.item.refId) : new Map<string, QuizItemText>(),
      rendered: w.item.kind === "QUIZ" ? renderAttempts(w.item.refId, w.answers.map((a) => ({ ...a, userId: student.userId })), locale) : new Map<string, RenderedAttempt>(),
    })),
  );

  return (
    <>
      <p>
        <Link href={`/instructor/cohorts/${cohort.id}/gradebook`}>{G.backToGradebook[locale]}</Link>
      </p>
      <section className="card">
        <h1>
          {student.displayName}: {assignment.title}
        </h1>
        <p className="muted">
          {student.email} · {cohort.name}
        </p>
        <p data-testid="set-score">
          {L.setScore[locale]}: <strong>{work.earned === null ? "—" : `${Math.round(work.earned * 100) / 100} / ${assignment.points}`}</strong>
          {work.score !== null && ` (${scoreText(work.score)})`}
        </p>
        <p data-extended={rules.extended}>
          {L.due[locale]} {formatInZone(rules.dueAt, zone, locale)} · {L.policy[locale]}: {latePolicyText(rules.latePolicy, rules.penaltyPerDay)[locale]}
          {rules.extended && (
            <>
              {" "}
              · <span className="badge attempted">{L.extended[locale]}</span> {L.assignmentDue[locale]} {formatInZone(assignment.dueAt, zone, locale)}
              {work.extensionReason ? ` · ${work.extensionReason}` : ""}
            </>
          )}
        </p>
        <ol>
          {work.items.map((w) => (
            <li key={w.item.itemId}>
              <a href={`#item-${w.item.itemId}`}>{w.item.title[locale]}</a> · {itemScore(w, locale)} · {w.item.points} {L.points[locale]}
            </li>
          ))}
        </ol>
      </section>
      {sections.map(({ w, history, texts, rendered }) => {
        const item = w.item;
        const total = w.submissions.length;
        const headingId = `item-${item.itemId}`;
        const override = (
          <OverrideCard
            cohortId={cohort.id}
            itemId={item.itemId}
            userId={student.userId}
            computed={w.override ? w.override.computed : w.score}
            override={w.override && w.score !== null ? { score: w.score, comment: w.override.comment } : null}
            history={history}
            zone={zone}
            locale={locale}
          />
        );
        return item.kind === "EXERCISE" ? (
          <section key={item.itemId} id={headingId} aria-labelledby={`${headingId}-h`} data-item={item.itemId}>
            <h2 id={`${headingId}-h`}>
              {item.title[locale]} · {itemScore(w, locale)} · <Link href={`/exercises/${item.refId}`}>{item.refId}</Link>
            </h2>
            {override}
            <p className="muted">{L.submissions[locale]}</p>
            {total === 0 && <p className="card muted">{L.none[locale]}</p>}
            {w.submissions.map((s, i) => (
              <SubmissionCard key={s.id} s={s} n={total - i} first={i === 0} zone={zone} locale={locale} />
            ))}
          </section>
        ) : (
          <section key={item.itemId} id={headingId} className="card" aria-labelledby={`${headingId}-h`} data-item={item.itemId}>
            <h2 id={`${headingId}-h`}>
              {item.title[locale]} · {itemScore(w, locale)}
            </h2>
            {override}
            <p className="muted">{L.answers[locale]}</p>
            <Answers answers={w.answers} texts={texts} rendered={rendered} zone={zone} locale={locale} />
          </section>
        );
      })}
    </>
  );
}

function itemScore(w: ItemWork, locale: Locale): string {
  return w.score === null ? "—" : `${scoreText(w.score)}${w.late ? ` (${L.lateWord[locale]})` : ""}${w.override ? ` (${L.overriddenWord[locale]})` : ""}`;
}
