import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuizItem } from "../graders/content/quiz";
import { loadCatalog } from "../graders/exercise/catalog";
import { POST as answerRoute } from "../app/api/quiz/answers/route";
import { POST as revealRoute } from "../app/api/quiz/reveal/route";
import { syncContent } from "../app/_server/content-sync";
import { buildGradebook, cohortWork, studentItemWork } from "../app/_server/gradebook";
import { loadTopicQuiz, paramsFor, quizView, renderAttempts } from "../app/_server/quizzes";
import { gradedTag, practiceTag, shownChoiceOrder, variantSeed } from "../app/_server/quiz-variants";
import { signUp, type PublicUser } from "../app/_server/users";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

/**
 * Quiz integrity through the real route handlers (session cookies, real databases): the JSON never carries an
 * answer key before it may be shown, and the farming sequence — answer anything, read the key, answer again —
 * earns nothing.
 */
const SECRET = "test-secret-that-is-at-least-32-characters-long";
process.env.NEXTAUTH_SECRET = SECRET;
const PASSWORD = "correct horse battery";
const ctx = { params: Promise.resolve({}) };
const catalog = loadCatalog();
const quiz = loadTopicQuiz("softmax");
const single = quiz.find((i) => i.type === "single") as Extract<QuizItem, { type: "single" }>;
const param = quiz.find((i) => i.type === "param-numeric") as Extract<QuizItem, { type: "param-numeric" }>;
const KEY_FIELDS = ["correctChoiceIds", "correctValue", "explanationHtml"];

let currentDb: MigratedDatabase["db"] | undefined;

async function post(route: typeof answerRoute, path: string, user: PublicUser, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const sv = (await currentDb!.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
  const headers = new Headers({
    cookie: `next-auth.session-token=${await encode({ token: { sub: user.id, email: user.email, sv }, secret: SECRET })}`,
    "content-type": "application/json",
    "sec-fetch-site": "same-origin",
  });
  const res = await route(new NextRequest(`http://localhost:3000${path}`, { method: "POST", headers, body: JSON.stringify(body) }), ctx);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
const answer = (user: PublicUser, itemId: string, value: unknown) => post(answerRoute, "/api/quiz/answers", user, { itemId, answer: value });
const reveal = (user: PublicUser, itemId: string) => post(revealRoute, "/api/quiz/reveal", user, { itemId });

function wrongChoice(item: Extract<QuizItem, { type: "single" }>): string {
  return item.choices.find((c) => c.id !== item.answer)!.id;
}

describe("choice order", () => {
  it("is a stable per-learner, per-variant shuffle with no position bias for the key", () => {
    const singles = catalog.topics.flatMap((t) => loadTopicQuiz(t.id)).filter((i): i is Extract<QuizItem, { type: "single" }> => i.type === "single");
    expect(singles.length).toBeGreaterThan(20);
    expect(shownChoiceOrder(singles[0]!, "user-a", practiceTag(0))).toEqual(shownChoiceOrder(singles[0]!, "user-a", practiceTag(0)));
    let firstPos = 0;
    let expected = 0;
    let differs = 0;
    let n = 0;
    for (let u = 0; u < 60; u++) {
      for (const item of singles) {
        const order = shownChoiceOrder(item, `learner-${u}`, practiceTag(0));
        expect([...order].sort()).toEqual(item.choices.map((c) => c.id).sort());
        if (order.indexOf(item.answer) === 0) firstPos++;
        expected += 1 / item.choices.length;
        if (order.join() !== shownChoiceOrder(item, `learner-${u + 1000}`, practiceTag(0)).join()) differs++;
        n++;
      }
    }
    // As authored, the key was option (a) in 25 of 27 items; shown, it is first about 1/k of the time.
    expect(Math.abs(firstPos - expected) / n).toBeLessThan(0.03);
    expect(differs / n).toBeGreaterThan(0.5);
    // Another variant of the same learner is shuffled anew.
    const moved = singles.filter((i) => shownChoiceOrder(i, "u", practiceTag(0)).join() !== shownChoiceOrder(i, "u", practiceTag(1)).join()).length;
    expect(moved).toBeGreaterThan(singles.length / 2);
  });
});

describe.each(PROVIDERS)("quiz integrity through the API on %s", (provider) => {
  let d: MigratedDatabase;
  let practiser: PublicUser;
  let farmer: PublicUser;
  let honest: PublicUser;
  let early: PublicUser;
  let teacher: PublicUser;
  let cohortId: string;
  let assignmentId: string;

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    currentDb = d.db;
    process.env.DATABASE_URL = d.url;
    await syncContent(d.db, catalog);
    const mk = (name: string, role?: "INSTRUCTOR") => signUp(d.db, { email: `${name}@example.org`, displayName: name, password: PASSWORD }, role);
    [practiser, farmer, honest, early, teacher] = await Promise.all([mk("practiser"), mk("farmer"), mk("honest"), mk("early"), mk("teacher", "INSTRUCTOR")]);
    const cohort = await d.db.cohort.create({ data: { name: "C", joinCode: "QUIZINT1", ownerId: teacher.id } });
    cohortId = cohort.id;
  });
  afterAll(async () => {
    await d.drop();
  });

  it("practice: a wrong answer's JSON has no key; \"Show answer\" gives it, after which the item earns 0 and param items get new numbers", async () => {
    const wrong = await answer(practiser, single.id, wrongChoice(single));
    expect(wrong.status).toBe(200);
    expect(wrong.json).toMatchObject({ correct: false, mode: "practice" });
    for (const f of KEY_FIELDS) expect(wrong.json).not.toHaveProperty(f);
    const view = await quizView(d.db, practiser.id, "softmax", "en");
    expect(JSON.stringify(view)).not.toMatch(/correctChoiceIds|correctValue|explanationHtml/);

    const shown = await reveal(practiser, single.id);
    expect(shown.status).toBe(200);
    expect(shown.json.correctChoiceIds).toEqual([single.answer]);
    const after = await answer(practiser, single.id, single.answer);
    expect(after.json).toMatchObject({ correct: true, credit: 0 });

    const before = (await quizView(d.db, practiser.id, "softmax", "en")).items.find((i) => i.id === param.id)!.promptHtml;
    const key = await reveal(practiser, param.id);
    expect(typeof key.json.correctValue).toBe("number");
    const next = (await quizView(d.db, practiser.id, "softmax", "en")).items.find((i) => i.id === param.id)!.promptHtml;
    expect(next).not.toBe(before);
    // The revealed value answers the old numbers, not the new ones (unless the draw repeats the answer).
    const fresh = param.answer(paramsFor(param, variantSeed(practiser.id, practiceTag(1)))!);
    if (Math.abs(fresh - (key.json.correctValue as number)) > 1e-6 * Math.max(1, Math.abs(fresh))) {
      expect((await answer(practiser, param.id, key.json.correctValue)).json.correct).toBe(false);
    }
    expect((await answer(practiser, param.id, fresh)).json).toMatchObject({ correct: true, credit: 1 });
  });

  it("graded: no key before it may be shown, no Show answer, 3 attempts with new numbers each; the farming sequence earns nothing", async () => {
    const now = Date.now();
    // The early learner answers right before joining (practice): that does not count toward the assignment.
    expect((await answer(early, single.id, single.answer)).json.correct).toBe(true);
    for (const u of [farmer, honest, early]) await d.db.enrollment.create({ data: { cohortId, userId: u.id } });
    const a = await d.db.assignment.create({
      data: { cohortId, title: "Quiz", opensAt: new Date(now - 60_000), dueAt: new Date(now + 86_400_000), maxAttempts: 3, attemptDecay: 0.25, items: { create: [{ kind: "QUIZ", topicId: "softmax", position: 0 }] } },
    });
    assignmentId = a.id;

    // Farming: answer anything, look for the key, answer again.
    const refused = await reveal(farmer, single.id);
    expect(refused.status).toBe(409);
    for (const f of KEY_FIELDS) expect(refused.json).not.toHaveProperty(f);
    const prompts = new Set<string>();
    for (let k = 0; k < 3; k++) {
      prompts.add((await quizView(d.db, farmer.id, "softmax", "en")).items.find((i) => i.id === param.id)!.promptHtml);
      const r = await answer(farmer, param.id, -12345.678);
      expect(r.json).toMatchObject({ correct: false, mode: "graded", attemptsUsed: k + 1, maxAttempts: 3 });
      // The key and explanation come only with the last attempt.
      for (const f of ["correctValue", "explanationHtml"]) expect(Object.hasOwn(r.json, f)).toBe(k === 2);
      expect(r.json).not.toHaveProperty("correctChoiceIds");
    }
    expect(prompts.size).toBe(3);
    for (let k = 0; k < 3; k++) {
      const r = await answer(farmer, single.id, wrongChoice(single));
      for (const f of ["correctChoiceIds", "explanationHtml"]) expect(Object.hasOwn(r.json, f)).toBe(k === 2);
    }
    const fourth = await answer(farmer, single.id, single.answer);
    expect(fourth.status).toBe(409);
    expect(await d.db.quizAttempt.count({ where: { userId: farmer.id, assignmentId } })).toBe(6);

    // Honest: wrong once, then right on the second attempt: credit decays by 0.25.
    expect((await answer(honest, single.id, wrongChoice(single))).json.correct).toBe(false);
    expect((await answer(honest, single.id, single.answer)).json).toMatchObject({ correct: true, credit: 0.75 });
    const stored = await d.db.quizAttempt.findFirstOrThrow({ where: { userId: honest.id, correct: true } });
    expect(JSON.parse(stored.shownOrder)).toEqual(shownChoiceOrder(single, honest.id, gradedTag(assignmentId, 1)));

    const book = await buildGradebook(d.db, cohortId);
    const col = book.items.findIndex((i) => i.assignmentId === assignmentId);
    const score = (u: PublicUser) => book.rows.find((r) => r.student.userId === u.id)!.cells[col]!.score;
    expect(score(farmer)).toBe(0);
    expect(score(honest)).toBeCloseTo(0.75 / quiz.length, 9);
    expect(score(early) ?? 0).toBe(0);

    // The instructor's drill-down renders what each learner saw: their numbers (KaTeX, no placeholders), their
    // answer and the right one; the early learner's pre-join answer is marked as not counted.
    const work = await studentItemWork(d.db, cohortId, farmer.id, assignmentId);
    const params = work.items[0]!.answers.filter((a) => a.quizItemId === param.id);
    expect(params).toHaveLength(3);
    const rendered = renderAttempts("softmax", params.map((a) => ({ ...a, userId: farmer.id })), "en");
    for (const a of params) {
      const r = rendered.get(a.id)!;
      expect(r.promptHtml).toContain("katex");
      expect(r.promptHtml).not.toContain("{{");
      expect(Number(r.correctHtml)).toBe(param.answer(paramsFor(param, a.seed)!));
      expect(r.answerHtml).toBe("-12345.678");
    }
    expect(new Set(params.map((a) => rendered.get(a.id)!.promptHtml)).size).toBe(3);
    const earlyWork = await studentItemWork(d.db, cohortId, early.id, assignmentId);
    expect(earlyWork.items[0]!.answers.map((a) => [a.outside, a.counted])).toEqual([[true, null]]);
    // The CSV agrees: the pre-join answer is not counted, the decayed one counts 0.75.
    const csv = (await cohortWork(d.db, cohortId)).rows.filter((r) => r.kind === "quiz");
    expect(csv.filter((r) => r.email === early.email).map((r) => r.counted)).toEqual([null]);
    expect(csv.filter((r) => r.email === honest.email).map((r) => r.counted)).toEqual([0, 0.75]);
  });
});
