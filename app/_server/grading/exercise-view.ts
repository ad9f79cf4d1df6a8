import { readFileSync } from "node:fs";
import path from "node:path";
import type { VisibleRunPayload } from "../../../graders/browser/protocol";
import { ExerciseLoadError, loadExercise, readReferenceSource, readStarter } from "../../../graders/exercise/load";
import type { LinalgHelper } from "../../../graders/exercise/manifest";
import { visibleRunPayload } from "../../../graders/judge/visible-payload";
import type { Locale, LocalizedText } from "../../../graders/text";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { getDraft } from "../drafts";
import { linalgDeclarations } from "./linalg-declarations";
import { submissionHistory, type HistoryEntry } from "./submit";

/** Everything the exercise page needs, for one learner, in one language. The reference only once solved. */
export interface ExerciseView {
  id: string;
  topicId: string;
  topicTitle: LocalizedText;
  title: LocalizedText;
  statementMarkdown: string;
  difficulty: number;
  mode: string;
  signature: string;
  helpers: LinalgHelper[];
  /** `declare module "linalg"` with the allowed helpers only, for the editor's TypeScript diagnostics. */
  linalgDeclarations: string;
  starter: string;
  draft: { code: string; updatedAt: string } | null;
  payload: VisibleRunPayload;
  solved: boolean;
  bestScore: number | null;
  history: HistoryEntry[];
  referenceSource: string | null;
}

const NOT_FOUND = new AppError(404, {
  en: "There is no such exercise. Pick one from the catalog.",
  ja: "そのような演習はありません。一覧から選んでください。",
});

export async function exerciseView(db: Db, userId: string, id: string, locale: Locale): Promise<ExerciseView> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw NOT_FOUND;
  const row = await db.exercise.findUnique({ where: { id }, include: { topic: true } });
  if (!row || !row.active) throw NOT_FOUND;
  let ex;
  try {
    ex = loadExercise(id);
  } catch (error) {
    if (error instanceof ExerciseLoadError && error.reason === "unknown") throw NOT_FOUND;
    console.error(`[ml-dojo] exercise ${id} could not be loaded:`, error);
    throw new AppError(503, {
      en: "This exercise cannot be shown right now because its content is broken. It is not your fault; tell your instructor.",
      ja: "この演習は内容に問題があるため、いま表示できません。あなたのせいではありません。担当の先生に知らせてください。",
    });
  }
  const [progress, draft, history] = await Promise.all([
    db.exerciseProgress.findUnique({ where: { userId_exerciseId: { userId, exerciseId: id } } }),
    getDraft(db, userId, id),
    submissionHistory(db, userId, id),
  ]);
  const solved = Boolean(progress?.solvedAt);
  const statementFile = path.join(ex.dir, `statement.${locale}.md`);
  return {
    id,
    topicId: row.topicId,
    topicTitle: { en: row.topic.titleEn, ja: row.topic.titleJa },
    title: ex.manifest.title,
    statementMarkdown: readFileSync(statementFile, "utf8"),
    difficulty: ex.manifest.difficulty,
    mode: ex.manifest.mode,
    signature: ex.manifest.signature,
    helpers: ex.manifest.helpers,
    linalgDeclarations: linalgDeclarations(ex.manifest.helpers),
    starter: readStarter(ex),
    draft,
    payload: visibleRunPayload(ex),
    solved,
    bestScore: progress ? progress.bestScore : null,
    history,
    referenceSource: solved ? readReferenceSource(ex) : null,
  };
}
