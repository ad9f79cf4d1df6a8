import Link from "next/link";
import { notFound } from "next/navigation";
import { ExerciseList } from "../../_components/catalog/exercise-list";
import { CATALOG_TEXT, quizCount, solvedCount } from "../../_components/catalog/labels";
import { ProgressMeter } from "../../_components/catalog/progress-meter";
import { getDb } from "../../_server/db";
import { uiLocale } from "../../_server/locale";
import { renderMarkdown } from "../../_server/markdown";
import { catalogStanding } from "../../_server/progress";
import { currentUser } from "../../_server/session";

export const dynamic = "force-dynamic";

/** A topic: its introduction (Markdown + KaTeX), its exercises with the learner's status, and its quiz. */
export default async function TopicPage({ params }: { params: Promise<{ topicId: string }> }) {
  const { topicId } = await params;
  const user = await currentUser();
  const locale = await uiLocale(user);
  const topics = await catalogStanding(await getDb(), user?.id ?? null);
  const index = topics.findIndex((t) => t.id === topicId);
  const topic = topics[index];
  if (!topic) notFound();
  return (
    <>
      <nav aria-label={locale === "ja" ? "パンくずリスト" : "Breadcrumb"} className="breadcrumb">
        <Link href="/catalog">{CATALOG_TEXT.catalog[locale]}</Link> <span aria-hidden="true">›</span> <span>{topic.title[locale]}</span>
      </nav>
      <article className="card">
        <h1>
          <span className="topic-number">{index + 1}.</span> {topic.title[locale]}
        </h1>
        <div className="prose topic-intro" lang={locale} dangerouslySetInnerHTML={{ __html: renderMarkdown(topic.intro[locale]) }} />
        {user && (
          <div className="topic-progress">
            <ProgressMeter value={topic.solved} max={topic.exercises.length} label={solvedCount(topic.solved, topic.exercises.length, locale)} />
            {topic.quiz.total > 0 && <ProgressMeter value={topic.quiz.correct} max={topic.quiz.total} label={quizCount(topic.quiz.correct, topic.quiz.total, locale)} />}
          </div>
        )}
      </article>
      <section className="card" aria-labelledby="exercises-heading">
        <h2 id="exercises-heading">{CATALOG_TEXT.exercises[locale]}</h2>
        <ExerciseList exercises={topic.exercises} locale={locale} showStatus={user !== null} />
      </section>
      <section className="card" aria-labelledby="quiz-heading">
        <h2 id="quiz-heading">{CATALOG_TEXT.quiz[locale]}</h2>
        {topic.quiz.total > 0 ? (
          <Link className="button" href={`/topics/${topic.id}/quiz`}>
            {CATALOG_TEXT.takeQuiz[locale]} ({topic.quiz.total})
          </Link>
        ) : (
          <p className="muted">{CATALOG_TEXT.noQuiz[locale]}</p>
        )}
      </section>
    </>
  );
}
