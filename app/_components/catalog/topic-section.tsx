import Link from "next/link";
import type { Locale } from "../../../graders/text";
import type { TopicStanding } from "../../_server/progress";
import { ExerciseList } from "./exercise-list";
import { CATALOG_TEXT, quizCount, solvedCount } from "./labels";
import { ProgressMeter } from "./progress-meter";

/** One topic of the catalog: its exercises with status, its progress, and its quiz. */
export function TopicSection({ topic, index, locale, signedIn }: { topic: TopicStanding; index: number; locale: Locale; signedIn: boolean }) {
  const headingId = `topic-${topic.id}`;
  return (
    <section className="card topic" aria-labelledby={headingId} data-topic={topic.id}>
      <h2 id={headingId}>
        <span className="topic-number">{index + 1}.</span> <Link href={`/topics/${topic.id}`}>{topic.title[locale]}</Link>
      </h2>
      {signedIn && (
        <div className="topic-progress">
          <ProgressMeter value={topic.solved} max={topic.exercises.length} label={solvedCount(topic.solved, topic.exercises.length, locale)} />
          {topic.quiz.total > 0 && <ProgressMeter value={topic.quiz.correct} max={topic.quiz.total} label={quizCount(topic.quiz.correct, topic.quiz.total, locale)} />}
        </div>
      )}
      <h3 className="sr-only">{CATALOG_TEXT.exercises[locale]}</h3>
      <ExerciseList exercises={topic.exercises} locale={locale} showStatus={signedIn} />
      <p className="topic-quiz">
        {topic.quiz.total > 0 ? (
          <Link className="button secondary" href={`/topics/${topic.id}/quiz`}>
            {CATALOG_TEXT.takeQuiz[locale]} ({topic.quiz.total})
          </Link>
        ) : (
          <span className="muted">{CATALOG_TEXT.noQuiz[locale]}</span>
        )}
      </p>
    </section>
  );
}
