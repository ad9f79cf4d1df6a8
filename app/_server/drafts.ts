import { z } from "zod";
import type { Db } from "./db/client";
import { AppError, msg, parseInput } from "./errors";
import { MAX_CODE_BYTES } from "./submissions";

/** Autosaved drafts: one per learner and exercise, replaced on every save, restored when the page opens. */
export const draftSchema = z.object({
  code: z
    .string({ error: msg("Send the draft as text.", "下書きをテキストで送ってください。") })
    .refine((c) => Buffer.byteLength(c, "utf8") <= MAX_CODE_BYTES, {
      error: msg(`The draft is larger than ${MAX_CODE_BYTES / 1024} KB and was not saved; remove unused parts.`, `下書きが ${MAX_CODE_BYTES / 1024} KB を超えているため保存できませんでした。使っていない部分を削ってください。`),
    }),
});

async function requireExercise(db: Db, exerciseId: string): Promise<void> {
  const ex = await db.exercise.findUnique({ where: { id: exerciseId }, select: { active: true } });
  if (!ex || !ex.active) {
    throw new AppError(404, { en: "This exercise does not exist (any more). Go back to the catalog.", ja: "この演習は存在しません（削除された可能性があります）。一覧に戻ってください。" });
  }
}

export async function saveDraft(db: Db, userId: string, exerciseId: string, input: unknown): Promise<{ updatedAt: string }> {
  const { code } = parseInput(draftSchema, input);
  await requireExercise(db, exerciseId);
  const draft = await db.draft.upsert({
    where: { userId_exerciseId: { userId, exerciseId } },
    create: { userId, exerciseId, code },
    update: { code },
  });
  return { updatedAt: draft.updatedAt.toISOString() };
}

export async function getDraft(db: Db, userId: string, exerciseId: string): Promise<{ code: string; updatedAt: string } | null> {
  const draft = await db.draft.findUnique({ where: { userId_exerciseId: { userId, exerciseId } } });
  return draft ? { code: draft.code, updatedAt: draft.updatedAt.toISOString() } : null;
}

/** Reset to the starter: the draft is dropped, so the next visit opens the starter. */
export async function deleteDraft(db: Db, userId: string, exerciseId: string): Promise<void> {
  await db.draft.deleteMany({ where: { userId, exerciseId } });
}
