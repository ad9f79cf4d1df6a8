import Link from "next/link";
import { redirect } from "next/navigation";
import { ErrorCard } from "../../../../_components/cohorts/error-card";
import { ANALYTICS_L as L, ExerciseCard, QuizCard } from "../../../../_components/analytics/cards";
import { analyticsAs, type CohortAnalytics } from "../../../../_server/analytics";
import { analyticsView } from "../../../../_server/analytics-view";
import { getDb } from "../../../../_server/db";
import { uiLocale } from "../../../../_server/locale";
import { currentUser } from "../../../../_server/session";

export const dynamic = "force-dynamic";

export default async function AnalyticsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const me = await currentUser();
  if (!me) redirect(`/signin?callbackUrl=${encodeURIComponent(`/instructor/cohorts/${id}/analytics`)}`);
  const locale = await uiLocale(me);
  const db = await getDb();
  let analytics: CohortAnalytics;
  try {
    analytics = await analyticsAs(db, me.id, id);
  } catch (error) {
    return <ErrorCard error={error} locale={locale} />;
  }
  const view = await analyticsView(db, analytics, locale);
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
            <ExerciseCard key={e.item.itemId} e={e} view={view} locale={locale} />
          ))}
        </section>
      )}
      {quizzes.length > 0 && (
        <section aria-labelledby="quizzes-heading">
          <h2 id="quizzes-heading">{L.quizzes[locale]}</h2>
          {quizzes.map((q) => (
            <QuizCard key={q.item.itemId} q={q} view={view} locale={locale} />
          ))}
        </section>
      )}
    </>
  );
}
