import type { Db } from "../app/_server/db/client";
import { signUp, type PublicUser } from "../app/_server/users";

/** People and content shared by the cohort, assignment and instructor-authorization tests. */
export const PASSWORD = "correct horse battery";

export interface People {
  owner: PublicUser;
  co: PublicUser;
  other: PublicUser;
  student: PublicUser;
  student2: PublicUser;
  admin: PublicUser;
}

export async function seedPeople(db: Db): Promise<People> {
  const user = (email: string, name: string, role: "STUDENT" | "INSTRUCTOR" | "ADMIN" = "STUDENT") => signUp(db, { email, displayName: name, password: PASSWORD }, role);
  return {
    owner: await user("owner@example.org", "Owner", "INSTRUCTOR"),
    co: await user("co@example.org", "Co", "INSTRUCTOR"),
    other: await user("other@example.org", "Other", "INSTRUCTOR"),
    student: await user("student@example.org", "山田 花子"),
    student2: await user("student2@example.org", "Bob"),
    admin: await user("admin@example.org", "Admin", "ADMIN"),
  };
}

/**
 * Topic "softmax" with an active exercise "softmax", a retired one "logsumexp" and three quiz items (one retired);
 * topic "svd" with an exercise and no quiz.
 */
export async function seedContent(db: Db): Promise<void> {
  const topic = (id: string, order: number) =>
    db.topic.create({ data: { id, order, titleEn: `Topic ${id}`, titleJa: `トピック ${id}`, introEn: "", introJa: "", contentHash: "h" } });
  await topic("softmax", 1);
  await topic("svd", 2);
  const exercise = (id: string, topicId: string, order: number, active = true) =>
    db.exercise.create({ data: { id, topicId, order, titleEn: `Exercise ${id}`, titleJa: `演習 ${id}`, difficulty: 1, mode: "allclose", contentHash: "h", active } });
  await exercise("softmax", "softmax", 1);
  await exercise("logsumexp", "softmax", 2, false);
  await exercise("pca", "svd", 1);
  for (const [i, id] of ["q1", "q2", "q3"].entries()) {
    await db.quizItem.create({ data: { id, topicId: "softmax", order: i, type: "single", data: "{}", contentHash: "h", active: id !== "q3" } });
  }
}
