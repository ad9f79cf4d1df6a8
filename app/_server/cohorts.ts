import { randomInt } from "node:crypto";
import { z } from "zod";
import type { Db } from "./db/client";
import { msg, parseInput } from "./errors";
import type { PublicUser } from "./users";

// No 0/O or 1/I: join codes are read aloud and typed from a projector.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function newJoinCode(length = 8): string {
  let code = "";
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export const createCohortSchema = z.object({
  name: z
    .string({ error: msg("Name the cohort.", "コホート名を入力してください。") })
    .trim()
    .min(1, { error: msg("Name the cohort.", "コホート名を入力してください。") })
    .max(100, { error: msg("Use at most 100 characters.", "100 文字以内にしてください。") }),
});

/** Creates a cohort owned by the instructor, who is enrolled in it as INSTRUCTOR. Callers check the role. */
export async function createCohort(db: Db, owner: PublicUser, input: unknown) {
  const { name } = parseInput(createCohortSchema, input);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.cohort.create({
        data: { name, joinCode: newJoinCode(), ownerId: owner.id, enrollments: { create: { userId: owner.id, role: "INSTRUCTOR" } } },
        select: { id: true, name: true, joinCode: true, createdAt: true },
      });
    } catch (error) {
      // A join code collision is rare (32^8 codes); draw another.
      if ((error as { code?: string }).code !== "P2002" || attempt >= 5) throw error;
    }
  }
}
