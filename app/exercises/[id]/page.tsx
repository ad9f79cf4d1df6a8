import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import styles from "../../_components/exercise/exercise.module.css";
import { S } from "../../_components/exercise/strings";
import { ExerciseWorkspace } from "../../_components/exercise/workspace";
import { AssignmentNotice } from "../../_components/assignments/assignment-notice";
import { learnerAssignments, type LearnerAssignment } from "../../_server/assignment-context";
import { OverrideNotice } from "../../_components/assignments/override-notice";
import { learnerOverrides, type LearnerOverride } from "../../_server/overrides";
import { getDb } from "../../_server/db";
import { AppError } from "../../_server/errors";
import { exerciseView } from "../../_server/grading/exercise-view";
import { getGradingWorker } from "../../_server/grading/pool";
import { uiLocale } from "../../_server/locale";
import { renderMarkdown } from "../../_server/markdown";
import { nextInTopic } from "../../_server/progress";
import { preloadMonacoCore } from "../../_server/monaco-preload";
import { currentUser } from "../../_server/session";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `${id} · ml-dojo` };
}

export default async function ExercisePage({ params }: Props) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/exercises/${id}`)}`);
  const locale = await uiLocale(user);
  // Starts the grader children and the grading worker while the learner reads, so the first Submit does not wait.
  void getGradingWorker();
  // The browser fetches the editor's core while it renders the statement; it runs only when the editor mounts.
  preloadMonacoCore();
  let view;
  let assignments: LearnerAssignment[] = [];
  let overrides: LearnerOverride[] = [];
  let next;
  try {
    const db = await getDb();
    [view, next, assignments, overrides] = await Promise.all([
      exerciseView(db, user.id, id, locale),
      nextInTopic(db, user.id, id),
      learnerAssignments(db, user.id, "EXERCISE", id),
      learnerOverrides(db, user.id, "EXERCISE", id),
    ]);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    if (error instanceof AppError) {
      return (
        <section className="card">
          <p className="alert">{error.text[locale]}</p>
        </section>
      );
    }
    throw error;
  }
  return (
    <div className={styles.page}>
      <p className="muted">
        <Link href="/catalog">{S.backToCatalog[locale]}</Link> › {view.topicTitle[locale]}
      </p>
      <div className={styles.layout}>
        <article className={`card ${styles.statement}`} aria-labelledby="exercise-title">
          <h1 id="exercise-title">{view.title[locale]}</h1>
          {view.bestScore !== null && (
            <p className={view.solved ? "notice" : "muted"} data-progress>
              {view.solved ? `${S.solved[locale]} · ` : ""}
              {S.best[locale]} {Math.round(view.bestScore * 100)}%
            </p>
          )}
          <AssignmentNotice assignments={assignments} quiz={false} locale={locale} />
          <OverrideNotice overrides={overrides} locale={locale} />
          <div data-statement dangerouslySetInnerHTML={{ __html: renderMarkdown(view.statementMarkdown) }} />
          <h2>{S.signature[locale]}</h2>
          <pre className={`${styles.pre} ${styles.signature}`} tabIndex={0}>{view.signature}</pre>
          <p className={styles.signature}>
            {S.allowedHelpers[locale]}: {view.helpers.length > 0 ? <code>{view.helpers.join(", ")}</code> : S.noHelpers[locale]}
          </p>
          <details className={styles.reference} data-reference={view.referenceSource ? "unlocked" : "locked"}>
            <summary>{S.reference[locale]}</summary>
            {view.referenceSource ? <pre className={styles.pre} tabIndex={0}>
                {view.referenceSource}
              </pre> : <p className="muted">{S.referenceLocked[locale]}</p>}
          </details>
        </article>
        <ExerciseWorkspace
          exerciseId={view.id}
          topicId={view.topicId}
          locale={locale}
          starter={view.starter}
          initialCode={view.draft?.code ?? view.starter}
          signature={view.signature}
          exports={view.payload.exports}
          linalgDeclarations={view.linalgDeclarations}
          payload={view.payload}
          history={view.history}
          next={next ? { id: next.id, title: next.title[locale] } : null}
        />
      </div>
    </div>
  );
}
