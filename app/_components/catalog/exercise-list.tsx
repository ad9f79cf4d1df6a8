import Link from "next/link";
import type { Locale } from "../../../graders/text";
import type { ExerciseStanding } from "../../_server/progress";
import { CATALOG_TEXT, percent, STATUS_TEXT } from "./labels";

function Difficulty({ level, locale }: { level: number; locale: Locale }) {
  return (
    <span className="difficulty" title={`${CATALOG_TEXT.difficulty[locale]} ${level}/5`}>
      <span aria-hidden="true">{"●".repeat(level) + "○".repeat(Math.max(0, 5 - level))}</span>
      <span className="sr-only">
        {CATALOG_TEXT.difficulty[locale]} {level}/5
      </span>
    </span>
  );
}

/** The exercises of one topic with each one's status and best score (statuses hidden for visitors). */
export function ExerciseList({ exercises, locale, showStatus }: { exercises: ExerciseStanding[]; locale: Locale; showStatus: boolean }) {
  if (exercises.length === 0) return <p className="muted">{CATALOG_TEXT.noExercises[locale]}</p>;
  return (
    <ol className="exercise-list">
      {exercises.map((e) => (
        <li key={e.id} className={`exercise-row status-${e.status}`} data-exercise={e.id}>
          <Link href={`/exercises/${e.id}`} className="exercise-title">
            {e.title[locale]}
          </Link>
          <Difficulty level={e.difficulty} locale={locale} />
          {showStatus && (
            <span className={`badge ${e.status}`} data-status={e.status}>
              {STATUS_TEXT[e.status][locale]}
              {e.bestScore !== null && e.status !== "solved" && (
                <>
                  {" · "}
                  {CATALOG_TEXT.best[locale]} {percent(e.bestScore)}
                </>
              )}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
