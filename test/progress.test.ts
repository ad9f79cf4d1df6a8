import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../graders/exercise/catalog";
import { VERDICT_VERSION, type Verdict } from "../graders/verdict";
import { syncContent } from "../app/_server/content-sync";
import { catalogStanding, nextInTopic, nextSteps, recentSubmissions, totals } from "../app/_server/progress";
import { answerQuizItem, loadTopicQuiz } from "../app/_server/quizzes";
import { createSubmission, recordVerdict } from "../app/_server/submissions";
import { signUp, type PublicUser } from "../app/_server/users";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

const catalog = loadCatalog();

function verdict(exerciseId: string, status: Verdict["status"], score: number): Verdict {
  return {
    version: VERDICT_VERSION,
    status,
    score,
    exerciseId,
    contentHash: "h",
    seed: 1,
    cases: [],
    console: { text: "", truncated: false },
    timings: { transpileMs: 1, runMs: 2, totalMs: 3 },
  };
}

describe.each(PROVIDERS)("progress on %s", (provider) => {
  let d: MigratedDatabase;
  let learner: PublicUser;
  let n = 0;
  async function submit(exerciseId: string, status: Verdict["status"], score: number) {
    const { submission } = await createSubmission(d.db, learner.id, { exerciseId, code: "x", clientSubmissionId: `progress-${++n}-xx` });
    await recordVerdict(d.db, submission.id, verdict(exerciseId, status, score), 10);
  }
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    await syncContent(d.db, catalog);
    learner = await signUp(d.db, { email: "p@example.org", displayName: "P", password: "correct horse battery" });
  });
  afterAll(async () => {
    await d.drop();
  });

  it("lists topics and exercises in curriculum order, all not started, for a new learner and for a visitor", async () => {
    for (const who of [learner.id, null]) {
      const topics = await catalogStanding(d.db, who);
      expect(topics.map((t) => t.id)).toEqual(catalog.topics.map((t) => t.id));
      expect(topics.flatMap((t) => t.exercises.map((e) => e.id))).toEqual(catalog.exercises.map((e) => e.id));
      expect(topics.flatMap((t) => t.exercises).every((e) => e.status === "not-started" && e.bestScore === null)).toBe(true);
      expect(topics.find((t) => t.id === "softmax")!.quiz.total).toBe(loadTopicQuiz("softmax").length);
    }
    const steps = nextSteps(await catalogStanding(d.db, learner.id));
    expect(steps[0]).toMatchObject({ kind: "start", topicId: catalog.topics[0]!.id, exercise: { id: catalog.exercises[0]!.id } });
  });

  it("marks attempted and solved exercises with the best score, counts per topic, and suggests what is next", async () => {
    await submit("softmax", "failed", 0.4);
    await submit("softmax", "passed", 1);
    await submit("logsumexp", "failed", 0.6);
    await submit("logsumexp", "error", 0);
    await submit("logsumexp", "failed", 0.2);
    const topics = await catalogStanding(d.db, learner.id);
    const softmaxTopic = topics.find((t) => t.id === "softmax")!;
    const ex = (id: string) => softmaxTopic.exercises.find((e) => e.id === id)!;
    expect(ex("softmax")).toMatchObject({ status: "solved", bestScore: 1, attempts: 2 });
    expect(ex("logsumexp")).toMatchObject({ status: "attempted", bestScore: 0.6, attempts: 2 });
    expect(softmaxTopic).toMatchObject({ solved: 1, attempted: 1 });
    expect(totals(topics)).toMatchObject({ exercisesSolved: 1, exercisesTotal: catalog.exercises.length, quizCorrect: 0 });

    const steps = nextSteps(topics, 5);
    expect(steps[0]).toMatchObject({ kind: "continue", exercise: { id: "logsumexp" } });
    expect(steps.some((s) => s.kind === "start")).toBe(true);
    expect(steps).toContainEqual(expect.objectContaining({ kind: "quiz", topicId: "softmax" }));
  });

  it("lists recent submissions newest first with their verdicts", async () => {
    const recent = await recentSubmissions(d.db, learner.id, 3);
    expect(recent.map((r) => [r.exerciseId, r.verdict, r.score])).toEqual([
      ["logsumexp", "failed", 0.2],
      ["logsumexp", "error", null],
      ["logsumexp", "failed", 0.6],
    ]);
    expect(recent[0]!.title.en.length).toBeGreaterThan(0);
  });

  it("counts quiz items answered right in the topic's progress", async () => {
    const single = loadTopicQuiz("softmax").find((i) => i.type === "single")!;
    if (single.type !== "single") throw new Error("unreachable");
    await answerQuizItem(d.db, learner.id, { itemId: single.id, answer: single.answer }, "en");
    const softmaxTopic = (await catalogStanding(d.db, learner.id)).find((t) => t.id === "softmax")!;
    expect(softmaxTopic.quiz).toMatchObject({ answered: 1, correct: 1 });
  });

  it("says everything is done when nothing is left", () => {
    expect(nextSteps([])).toEqual([{ kind: "done" }]);
  });
  it("offers the next unsolved exercise of the same topic after a pass, wrapping round, and null once all are solved", async () => {
    const ids = catalog.exercises.filter((e) => e.topic === "softmax").map((e) => e.id);
    const other = await signUp(d.db, { email: "next@example.org", displayName: "N", password: "correct horse battery" });
    const at = ids.indexOf("softmax");
    expect((await nextInTopic(d.db, other.id, "softmax"))?.id).toBe(ids[(at + 1) % ids.length]);
    let k = 0;
    for (const id of ids) {
      const { submission } = await createSubmission(d.db, other.id, { exerciseId: id, code: "x", clientSubmissionId: `next-${++k}-xx` });
      await recordVerdict(d.db, submission.id, verdict(id, "passed", 1), 10);
      const next = await nextInTopic(d.db, other.id, id);
      const unsolved = ids.slice(ids.indexOf(id) + 1);
      expect(next?.id ?? null).toBe(unsolved[0] ?? null);
    }
  });
});
