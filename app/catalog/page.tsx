import Link from "next/link";
import { CATALOG_TEXT, quizCount, solvedCount } from "../_components/catalog/labels";
import { ProgressMeter } from "../_components/catalog/progress-meter";
import { TopicSection } from "../_components/catalog/topic-section";
import { getDb } from "../_server/db";
import { uiLocale } from "../_server/locale";
import { catalogStanding, totals } from "../_server/progress";
import { currentUser } from "../_server/session";

export const dynamic = "force-dynamic";

export default async function CatalogPage() {
  const user = await currentUser();
  const locale = await uiLocale(user);
  const topics = await catalogStanding(await getDb(), user?.id ?? null);
  const sum = totals(topics);
  return (
    <>
      <section className="card">
        <h1>{CATALOG_TEXT.catalog[locale]}</h1>
        <p>{CATALOG_TEXT.catalogLead[locale]}</p>
        {user ? (
          <div className="topic-progress">
            <ProgressMeter value={sum.exercisesSolved} max={sum.exercisesTotal} label={solvedCount(sum.exercisesSolved, sum.exercisesTotal, locale)} />
            <ProgressMeter value={sum.quizCorrect} max={sum.quizTotal} label={quizCount(sum.quizCorrect, sum.quizTotal, locale)} />
          </div>
        ) : (
          <p className="muted">
            <Link href="/signin?callbackUrl=/catalog">{CATALOG_TEXT.signInForProgress[locale]}</Link>
          </p>
        )}
      </section>
      {topics.length === 0 && <p className="muted">{CATALOG_TEXT.empty[locale]}</p>}
      {topics.map((t, i) => (
        <TopicSection key={t.id} topic={t} index={i} locale={locale} signedIn={user !== null} />
      ))}
    </>
  );
}
