import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CATALOG_TEXT, quizCount } from "../../../_components/catalog/labels";
import { ProgressMeter } from "../../../_components/catalog/progress-meter";
import { QuizItemCard } from "../../../_components/quiz/quiz-item-card";
import { getDb } from "../../../_server/db";
import { AppError } from "../../../_server/errors";
import { uiLocale } from "../../../_server/locale";
import { AssignmentNotice } from "../../../_components/assignments/assignment-notice";
import { learnerAssignments, type LearnerAssignment } from "../../../_server/assignment-context";
import { OverrideNotice } from "../../../_components/assignments/override-notice";
import { learnerOverrides, type LearnerOverride } from "../../../_server/overrides";
import { quizView } from "../../../_server/quizzes";
import { currentUser } from "../../../_server/session";

export const dynamic = "force-dynamic";

const L = {
  title: { en: "Quiz", ja: "クイズ" },
  lead: {
    en: "Answer each question and check it: you see at once whether it is right, with an explanation. Every attempt counts towards your progress; you may answer again.",
    ja: "各問に答えて「答え合わせ」を押すと、正誤と解説がすぐに表示されます。すべての回答が記録され、進み具合に反映されます。何度でも答え直せます。",
  },
  empty: { en: "This topic has no quiz yet.", ja: "このトピックにはまだクイズがありません。" },
};

export default async function QuizPage({ params }: { params: Promise<{ topicId: string }> }) {
  const { topicId } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/topics/${topicId}/quiz`)}`);
  const locale = await uiLocale(user);
  let view;
  let assignments: LearnerAssignment[] = [];
  let overrides: LearnerOverride[] = [];
  try {
    view = await quizView(await getDb(), user.id, topicId, locale);
    assignments = await learnerAssignments(await getDb(), user.id, "QUIZ", topicId);
    overrides = await learnerOverrides(await getDb(), user.id, "QUIZ", topicId);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  return (
    <>
      <nav aria-label={locale === "ja" ? "パンくずリスト" : "Breadcrumb"} className="breadcrumb">
        <Link href="/catalog">{CATALOG_TEXT.catalog[locale]}</Link> <span aria-hidden="true">›</span>{" "}
        <Link href={`/topics/${topicId}`}>{view.title[locale]}</Link> <span aria-hidden="true">›</span> <span>{L.title[locale]}</span>
      </nav>
      <section className="card">
        <h1>
          {L.title[locale]}: {view.title[locale]}
        </h1>
        <p>{L.lead[locale]}</p>
        <AssignmentNotice assignments={assignments} quiz locale={locale} />
        <OverrideNotice overrides={overrides} locale={locale} />
        {view.total > 0 && <ProgressMeter value={view.correct} max={view.total} label={quizCount(view.correct, view.total, locale)} />}
      </section>
      {view.total === 0 && <p className="muted">{L.empty[locale]}</p>}
      <ol className="quiz-items">
        {view.items.map((item) => (
          <li key={item.id}>
            <QuizItemCard item={item} locale={locale} />
          </li>
        ))}
      </ol>
    </>
  );
}
