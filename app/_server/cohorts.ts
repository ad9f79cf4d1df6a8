import { randomInt } from "node:crypto";
import { z } from "zod";
import type { LocalizedText } from "../../graders/text";
import { hasRole, requireRole } from "./authz";
import type { Db } from "./db/client";
import { AppError, msg, parseInput } from "./errors";
import { visibleName } from "./text-fields";
import { DEFAULT_TIME_ZONE, isTimeZone } from "./time-zone";
import { normalizeEmail, type PublicUser } from "./users";

/**
 * Cohorts: creation, join codes, roster, co-instructors. Every exported operation that acts for someone takes the
 * session's user id and checks it here (requireCohortInstructor / requireRole), so a page, action or route that
 * calls it cannot forget the check. Privacy rule: an instructor reaches only cohorts they own or co-instruct; an
 * admin reaches every cohort; a student reaches none of these.
 */

// No 0/O or 1/I: join codes are read aloud and typed from a projector.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;

export function newJoinCode(length = JOIN_CODE_LENGTH): string {
  let code = "";
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What a person may type or paste: "abcd-efgh", " ABCDEFGH ", or the whole join link. */
export function normalizeJoinCode(raw: string): string {
  let code = raw;
  if (raw.includes("/join/")) {
    const segment = raw.split("/join/")[1]?.split(/[/?#]/)[0] ?? "";
    try {
      code = decodeURIComponent(segment);
    } catch {
      code = segment; // a malformed escape: the format check below rejects it with a readable message
    }
  }
  return code.toUpperCase().replace(/[\s-]+/g, "");
}

export function joinPath(joinCode: string): string {
  return `/join/${joinCode}`;
}

const nameField = visibleName(100, { en: "Name the cohort.", ja: "コホート名を入力してください。" });

const timeZoneField = z
  .string()
  .trim()
  .refine(isTimeZone, {
    error: msg("Choose a time zone from the list, such as Asia/Tokyo.", "Asia/Tokyo のように、一覧からタイムゾーンを選んでください。"),
  });

export const createCohortSchema = z.object({
  name: nameField,
  timeZone: z.preprocess((v) => (v === "" || v === null ? undefined : v), timeZoneField.default(DEFAULT_TIME_ZONE)),
});

const cohortFields = { id: true, name: true, joinCode: true, joinCodeExpiresAt: true, timeZone: true, archived: true, ownerId: true, createdAt: true } as const;

export interface CohortSummary {
  id: string;
  name: string;
  joinCode: string;
  joinCodeExpiresAt: Date | null;
  timeZone: string;
  archived: boolean;
  ownerId: string;
  createdAt: Date;
}

/** Creates a cohort owned by the instructor, who is enrolled in it as INSTRUCTOR. Callers check the role (admin.ts createCohortAs). */
export async function createCohort(db: Db, owner: PublicUser, input: unknown): Promise<CohortSummary> {
  const { name, timeZone } = parseInput(createCohortSchema, input);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.cohort.create({
        data: { name, timeZone, joinCode: newJoinCode(), ownerId: owner.id, enrollments: { create: { userId: owner.id, role: "INSTRUCTOR" } } },
        select: cohortFields,
      });
    } catch (error) {
      // A join code collision is rare (32^8 codes); draw another.
      if ((error as { code?: string }).code !== "P2002" || attempt >= 5) throw error;
    }
  }
}

export const COHORT_NOT_FOUND = new AppError(404, {
  en: "This cohort does not exist (any more). Go back to your cohorts.",
  ja: "このコホートは存在しません（削除された可能性があります）。コホート一覧に戻ってください。",
});

export const NOT_YOUR_COHORT = new AppError(403, {
  en: "This cohort belongs to another instructor. Ask its owner to add you as a co-instructor.",
  ja: "このコホートは別のインストラクターのものです。所有者に共同インストラクターとして追加してもらってください。",
});

export interface CohortAccess {
  actor: PublicUser;
  cohort: CohortSummary;
  /** The owner (or an admin): may delete the cohort. Co-instructors have every other right. */
  isOwner: boolean;
}

/**
 * The gate of every instructor operation on one cohort: 401 without a session, 403 for a student or an instructor
 * who neither owns nor co-instructs the cohort, 404 when it does not exist. Admins pass everywhere.
 */
export async function requireCohortInstructor(db: Db, actorId: string | undefined, cohortId: unknown): Promise<CohortAccess> {
  const actor = await requireRole(db, actorId, "INSTRUCTOR");
  if (typeof cohortId !== "string" || cohortId.length === 0 || cohortId.length > 100) throw COHORT_NOT_FOUND;
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: cohortFields });
  if (!cohort) throw COHORT_NOT_FOUND;
  if (hasRole(actor, "ADMIN")) return { actor, cohort, isOwner: true };
  if (cohort.ownerId === actor.id) return { actor, cohort, isOwner: true };
  const enrollment = await db.enrollment.findUnique({ where: { cohortId_userId: { cohortId, userId: actor.id } }, select: { role: true } });
  if (enrollment?.role !== "INSTRUCTOR") throw NOT_YOUR_COHORT;
  return { actor, cohort, isOwner: false };
}

export interface CohortListItem extends CohortSummary {
  ownerName: string;
  students: number;
  assignments: number;
  isOwner: boolean;
}

/** The cohorts an instructor owns or co-instructs, newest first; every cohort for an admin. */
export async function listCohortsAs(db: Db, actorId: string | undefined): Promise<CohortListItem[]> {
  const actor = await requireRole(db, actorId, "INSTRUCTOR");
  const where = hasRole(actor, "ADMIN")
    ? {}
    : { OR: [{ ownerId: actor.id }, { enrollments: { some: { userId: actor.id, role: "INSTRUCTOR" as const } } }] };
  const cohorts = await db.cohort.findMany({
    where,
    orderBy: { createdAt: "desc" },
    select: {
      ...cohortFields,
      owner: { select: { displayName: true } },
      _count: { select: { enrollments: { where: { role: "STUDENT" } }, assignments: true } },
    },
  });
  return cohorts.map(({ owner, _count, ...c }) => ({
    ...c,
    ownerName: owner.displayName,
    students: _count.enrollments,
    assignments: _count.assignments,
    isOwner: c.ownerId === actor.id,
  }));
}

export interface RosterMember {
  userId: string;
  displayName: string;
  email: string;
  role: "STUDENT" | "INSTRUCTOR";
  isOwner: boolean;
  enrolledAt: Date;
}

/** Everyone in the cohort with the date they joined: instructors first, then students by name. */
export async function rosterAs(db: Db, actorId: string | undefined, cohortId: unknown): Promise<RosterMember[]> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const rows = await db.enrollment.findMany({
    where: { cohortId: cohort.id },
    select: { role: true, createdAt: true, user: { select: { id: true, displayName: true, email: true } } },
  });
  return rows
    .map((r) => ({ userId: r.user.id, displayName: r.user.displayName, email: r.user.email, role: r.role, isOwner: r.user.id === cohort.ownerId, enrolledAt: r.createdAt }))
    .sort((a, b) => (a.role === b.role ? a.displayName.localeCompare(b.displayName) || a.email.localeCompare(b.email) : a.role === "INSTRUCTOR" ? -1 : 1));
}

export const updateCohortSchema = z.object({ name: nameField, timeZone: timeZoneField });

/** Renames the cohort or changes its time zone (stored times stay the same instants; only their display changes). */
export async function updateCohortAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown): Promise<CohortSummary> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const data = parseInput(updateCohortSchema, input);
  return db.cohort.update({ where: { id: cohort.id }, data, select: cohortFields });
}

export const MAX_CODE_DAYS = 365;

export const regenerateCodeSchema = z.object({
  expiresInDays: z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : Number(v)),
    z
      .number({ error: msg("Enter a number of days, or leave it empty for a code that does not expire.", "日数を入力するか、期限なしにする場合は空欄にしてください。") })
      .int({ error: msg("Use a whole number of days.", "日数は整数で入力してください。") })
      .min(1, { error: msg("Use at least 1 day.", "1 日以上にしてください。") })
      .max(MAX_CODE_DAYS, { error: msg(`Use at most ${MAX_CODE_DAYS} days.`, `${MAX_CODE_DAYS} 日以内にしてください。`) })
      .optional(),
  ),
});

/**
 * Draws a new join code (the old code and link stop working at once), optionally valid for a number of days.
 * Students already enrolled stay enrolled.
 */
export async function regenerateJoinCodeAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown, now = new Date()): Promise<CohortSummary> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const { expiresInDays } = parseInput(regenerateCodeSchema, input);
  const joinCodeExpiresAt = expiresInDays === undefined ? null : new Date(now.getTime() + expiresInDays * 24 * 60 * 60 * 1000);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.cohort.update({ where: { id: cohort.id }, data: { joinCode: newJoinCode(), joinCodeExpiresAt }, select: cohortFields });
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002" || attempt >= 5) throw error;
    }
  }
}

const userIdSchema = z.object({
  userId: z.string({ error: msg("Choose a member.", "メンバーを選んでください。") }).min(1, { error: msg("Choose a member.", "メンバーを選んでください。") }).max(100),
});

/**
 * Takes a student (or a co-instructor) out of the cohort. Only the enrollment goes: their submissions, progress and
 * quiz answers are their own and stay. The owner cannot be removed.
 */
export async function removeMemberAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown): Promise<{ removed: boolean }> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const { userId } = parseInput(userIdSchema, input);
  if (userId === cohort.ownerId) {
    throw new AppError(400, {
      en: "The cohort's owner cannot be removed. To end the cohort, the owner can delete it.",
      ja: "コホートの所有者は外せません。コホートを終えるには、所有者が削除してください。",
    });
  }
  const { count } = await db.enrollment.deleteMany({ where: { cohortId: cohort.id, userId } });
  return { removed: count > 0 };
}

export const addCoInstructorSchema = z.object({
  email: z
    .string({ error: msg("Enter the co-instructor's email address.", "共同インストラクターのメールアドレスを入力してください。") })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: msg("Enter a valid email address, like name@example.org.", "name@example.org のような正しいメールアドレスを入力してください。") })),
});

const NO_SUCH_ACCOUNT: LocalizedText = {
  en: "No account uses this email. Ask them to sign up first, then add them again.",
  ja: "このメールアドレスのアカウントはありません。先に登録してもらってから、もう一度追加してください。",
};
const NOT_AN_INSTRUCTOR: LocalizedText = {
  en: "This account is a student account. Ask an administrator to make it an instructor first, so that it may see students' work.",
  ja: "このアカウントは学生アカウントです。学生の提出物を見られるよう、先に管理者にインストラクター権限を付けてもらってください。",
};

/**
 * Adds a co-instructor by email: an Enrollment with role INSTRUCTOR, which has the owner's rights except deleting
 * the cohort. The account must exist and be an instructor (or admin), because co-instructors see students' code.
 */
export async function addCoInstructorAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown): Promise<RosterMember> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const { email } = parseInput(addCoInstructorSchema, input);
  const user = await db.user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true, displayName: true, email: true, role: true } });
  if (!user) throw new AppError(404, NO_SUCH_ACCOUNT, { email: NO_SUCH_ACCOUNT });
  if (!hasRole(user, "INSTRUCTOR")) throw new AppError(400, NOT_AN_INSTRUCTOR, { email: NOT_AN_INSTRUCTOR });
  const enrollment = await db.enrollment.upsert({
    where: { cohortId_userId: { cohortId: cohort.id, userId: user.id } },
    create: { cohortId: cohort.id, userId: user.id, role: "INSTRUCTOR" },
    update: { role: "INSTRUCTOR" },
    select: { createdAt: true },
  });
  return { userId: user.id, displayName: user.displayName, email: user.email, role: "INSTRUCTOR", isOwner: user.id === cohort.ownerId, enrolledAt: enrollment.createdAt };
}

/** Deletes the cohort with its enrollments and assignments; everyone's submissions stay. Owner or admin only. */
export async function deleteCohortAs(db: Db, actorId: string | undefined, cohortId: unknown): Promise<void> {
  const { cohort, isOwner } = await requireCohortInstructor(db, actorId, cohortId);
  if (!isOwner) {
    throw new AppError(403, {
      en: "Only the cohort's owner (or an administrator) can delete it.",
      ja: "コホートを削除できるのは所有者（または管理者）だけです。",
    });
  }
  await db.cohort.delete({ where: { id: cohort.id } });
}

// ——— joining ———

export const joinSchema = z.object({
  code: z
    .string({ error: msg("Enter the join code your instructor gave you.", "先生から受け取った参加コードを入力してください。") })
    .max(500)
    .transform(normalizeJoinCode)
    .pipe(
      z
        .string()
        .min(1, { error: msg("Enter the join code your instructor gave you.", "先生から受け取った参加コードを入力してください。") })
        .regex(/^[A-Z0-9]{4,16}$/, {
          error: msg(`A join code is ${JOIN_CODE_LENGTH} letters and digits, like K7PM3QXA. Check it and try again.`, `参加コードは K7PM3QXA のような ${JOIN_CODE_LENGTH} 文字の英数字です。確かめてもう一度入力してください。`),
        }),
    ),
});

const UNKNOWN_CODE: LocalizedText = {
  en: "No cohort has this join code. Check it for typos, or ask your instructor for the current code (a regenerated code replaces the old one).",
  ja: "この参加コードのコホートはありません。打ち間違いがないか確かめるか、最新のコードを先生に確認してください（コードを作り直すと古いコードは使えなくなります）。",
};

function expiredCode(name: string): LocalizedText {
  return {
    en: `The join code of “${name}” has expired. Ask your instructor for a new code.`,
    ja: `「${name}」の参加コードは有効期限が切れています。新しいコードを先生に確認してください。`,
  };
}

function closedCohort(name: string): LocalizedText {
  return {
    en: `“${name}” is archived and no longer takes new members. Ask your instructor which cohort to join.`,
    ja: `「${name}」はアーカイブ済みで、新しいメンバーを受け付けていません。どのコホートに参加すべきか先生に確認してください。`,
  };
}

/** The cohort a code opens, or a clear AppError (unknown, expired, archived) with a field message on `code`. */
export async function cohortForJoinCode(db: Db, rawCode: unknown, now = new Date()): Promise<{ id: string; name: string; joinCode: string }> {
  const { code } = parseInput(joinSchema, { code: rawCode });
  const cohort = await db.cohort.findUnique({ where: { joinCode: code }, select: { id: true, name: true, joinCode: true, joinCodeExpiresAt: true, archived: true } });
  if (!cohort) throw new AppError(404, UNKNOWN_CODE, { code: UNKNOWN_CODE });
  if (cohort.joinCodeExpiresAt && cohort.joinCodeExpiresAt.getTime() <= now.getTime()) {
    const text = expiredCode(cohort.name);
    throw new AppError(400, text, { code: text });
  }
  if (cohort.archived) {
    const text = closedCohort(cohort.name);
    throw new AppError(400, text, { code: text });
  }
  return { id: cohort.id, name: cohort.name, joinCode: cohort.joinCode };
}

/**
 * A signed-in user joins with a code or a join link; joining twice is harmless, and an instructor of the cohort
 * stays its instructor. A person may be in any number of cohorts.
 */
export async function joinCohortAs(db: Db, actorId: string | undefined, input: unknown, now = new Date()): Promise<{ cohort: { id: string; name: string }; alreadyMember: boolean }> {
  const actor = await requireRole(db, actorId, "STUDENT");
  const raw = input && typeof input === "object" && "code" in input ? (input as { code: unknown }).code : undefined;
  const cohort = await cohortForJoinCode(db, raw, now);
  const existing = await db.enrollment.findUnique({ where: { cohortId_userId: { cohortId: cohort.id, userId: actor.id } }, select: { id: true } });
  if (existing) return { cohort: { id: cohort.id, name: cohort.name }, alreadyMember: true };
  try {
    await db.enrollment.create({ data: { cohortId: cohort.id, userId: actor.id, role: "STUDENT" } });
  } catch (error) {
    // The same join clicked twice at once: the unique index keeps one enrollment.
    if ((error as { code?: string }).code !== "P2002") throw error;
    return { cohort: { id: cohort.id, name: cohort.name }, alreadyMember: true };
  }
  return { cohort: { id: cohort.id, name: cohort.name }, alreadyMember: false };
}

/** The cohorts a user is a student of (for the dashboard), by name. */
export async function myStudentCohorts(db: Db, userId: string): Promise<{ id: string; name: string; timeZone: string; enrolledAt: Date }[]> {
  const rows = await db.enrollment.findMany({
    where: { userId, role: "STUDENT" },
    select: { createdAt: true, cohort: { select: { id: true, name: true, timeZone: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ ...r.cohort, enrolledAt: r.createdAt }));
}

/** The user's role in the cohort, or null when they are not in it. */
export async function membership(db: Db, cohortId: string, userId: string): Promise<"STUDENT" | "INSTRUCTOR" | null> {
  const row = await db.enrollment.findUnique({ where: { cohortId_userId: { cohortId, userId } }, select: { role: true } });
  return row?.role ?? null;
}
