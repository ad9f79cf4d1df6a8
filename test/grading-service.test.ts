import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExercise } from "../graders/exercise/load";
import { createGraderPool, type GraderPool } from "../graders/supervisor/pool";
import { deleteDraft, getDraft, saveDraft } from "../app/_server/drafts";
import { AppError } from "../app/_server/errors";
import { exerciseView } from "../app/_server/grading/exercise-view";
import { linalgDeclarations } from "../app/_server/grading/linalg-declarations";
import { getOwnSubmission, submissionHistory, submitForGrading } from "../app/_server/grading/submit";
import { createGradingWorker, type GradingWorker } from "../app/_server/grading/worker";
import { createSubmission, exerciseSeed } from "../app/_server/submissions";
import { signUp, type PublicUser } from "../app/_server/users";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

const softmax = loadExercise("softmax");
const reference = readFileSync(path.join(softmax.dir, "reference.ts"), "utf8");
const naive = "export function softmax(z: number[]): number[] {\n  const e = z.map(Math.exp);\n  const s = e.reduce((a, b) => a + b, 0);\n  return e.map((x) => x / s);\n}\n";
const RULE = { limit: 1000, windowMs: 60_000 };

let pool: GraderPool;
beforeAll(async () => {
  pool = createGraderPool({ size: 1, log: () => {} });
  await pool.ready();
});
afterAll(async () => {
  await pool?.close();
});

let n = 0;
const cid = () => `client-${Date.now()}-${n++}`;

describe.each(PROVIDERS)("grading service on %s", (provider) => {
  let d: MigratedDatabase;
  let learner: PublicUser;
  let other: PublicUser;
  let worker: GradingWorker;
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    worker = createGradingWorker({ db: d.db, grader: pool, slots: 1, log: () => {} });
    await d.db.topic.create({ data: { id: "softmax", order: 1, titleEn: "Softmax", titleJa: "ソフトマックス", introEn: "i", introJa: "i", contentHash: "t" } });
    await d.db.exercise.create({
      data: { id: "softmax", topicId: "softmax", order: 1, titleEn: "Softmax", titleJa: "ソフトマックス", difficulty: 1, mode: "allclose", contentHash: softmax.contentHash },
    });
    learner = await signUp(d.db, { email: "grading@example.org", displayName: "Grading", password: "correct horse battery" });
    other = await signUp(d.db, { email: "other@example.org", displayName: "Other", password: "correct horse battery" });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await d.drop();
  });

  it("grades a correct softmax in the sandbox, stores it and marks the exercise solved; a retry of the same id is the same submission", async () => {
    const id = cid();
    const input = { exerciseId: "softmax", code: reference, clientSubmissionId: id };
    const [a, b] = await Promise.all([submitForGrading(d.db, worker, learner.id, input, RULE), submitForGrading(d.db, worker, learner.id, input, RULE)]);
    expect(a.id).toBe(b.id);
    expect(a.status).toBe("GRADED");
    expect(b.status).toBe("GRADED");
    expect(a.verdict?.status).toBe("passed");
    expect(a.score).toBe(1);
    expect(a.verdict?.cases.some((c) => c.visibility === "hidden")).toBe(true);
    expect(await d.db.submission.count({ where: { clientSubmissionId: id } })).toBe(1);
    const progress = await d.db.exerciseProgress.findUniqueOrThrow({ where: { userId_exerciseId: { userId: learner.id, exerciseId: "softmax" } } });
    expect(progress.solvedAt).not.toBeNull();
    expect(progress.attempts).toBe(1);
  });

  it("scores three identical submissions identically: hidden cases are seeded per (learner, exercise, content version)", async () => {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await submitForGrading(d.db, worker, other.id, { exerciseId: "softmax", code: naive, clientSubmissionId: cid() }, RULE));
    expect(runs.every((r) => r.status === "GRADED")).toBe(true);
    expect(runs[0]!.score).toBeLessThan(1);
    expect(new Set(runs.map((r) => r.score)).size).toBe(1);
    const seeds = await d.db.submission.findMany({ where: { id: { in: runs.map((r) => r.id) } }, select: { seed: true } });
    expect(new Set(seeds.map((s) => s.seed))).toEqual(new Set([exerciseSeed(other.id, "softmax", softmax.contentHash)]));
    // Another learner or another content version draws other cases.
    expect(exerciseSeed(learner.id, "softmax", softmax.contentHash)).not.toBe(exerciseSeed(other.id, "softmax", softmax.contentHash));
    expect(exerciseSeed(other.id, "softmax", "edited")).not.toBe(exerciseSeed(other.id, "softmax", softmax.contentHash));
  });

  it("fails a naive softmax on the hidden large-logits class with the overflow hint, without hidden data", async () => {
    const s = await submitForGrading(d.db, worker, learner.id, { exerciseId: "softmax", code: naive, clientSubmissionId: cid() }, RULE);
    expect(s.verdict?.status).toBe("failed");
    const hidden = s.verdict!.cases.filter((c) => c.name === "large logits" && c.visibility === "hidden");
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((c) => c.status === "failed")).toBe(true);
    // The advice is printed once per verdict (the visible large-logits case carries it); later cases refer back.
    expect(s.verdict!.cases.map((c) => c.message.en).join("\n")).toContain("subtract max(z) first");
    expect(s.verdict!.cases.map((c) => c.message.ja).join("\n")).toContain("max(z) を引きましょう");
    expect(hidden[0]!.message.en).toMatch(/subtract max\(z\) first|The same advice as above applies/);
    expect(hidden[0]!.details?.expected).toBeUndefined();
    expect(hidden[0]!.details?.input).toBeUndefined();
  });

  it("refuses submissions past the per-user limit with the wait in seconds, but never a retry of an accepted one", async () => {
    const tight = { limit: 2, windowMs: 60_000 };
    const fresh = await signUp(d.db, { email: `limit-${provider}@example.org`, displayName: "Limit", password: "correct horse battery" });
    const first = { exerciseId: "softmax", code: naive, clientSubmissionId: cid() };
    await submitForGrading(d.db, worker, fresh.id, first, tight);
    await submitForGrading(d.db, worker, fresh.id, { ...first, clientSubmissionId: cid() }, tight);
    const refused = await submitForGrading(d.db, worker, fresh.id, { ...first, clientSubmissionId: cid() }, tight).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(429);
    expect((refused as AppError).text.en).toMatch(/Wait \d+ s before submitting again/);
    expect((refused as AppError).text.ja).toMatch(/\d+ 秒待ってから/);
    const retried = await submitForGrading(d.db, worker, fresh.id, first, tight);
    expect(retried.status).toBe("GRADED");
    expect(await d.db.submission.count({ where: { userId: fresh.id } })).toBe(2);
  });

  it("shows a learner only their own submissions, with code, and their history newest first", async () => {
    const s = await submitForGrading(d.db, worker, learner.id, { exerciseId: "softmax", code: "export function softmax(z: number[]) { return z; }", clientSubmissionId: cid() }, RULE);
    const own = await getOwnSubmission(d.db, learner.id, s.id);
    expect(own.code).toContain("return z;");
    await expect(getOwnSubmission(d.db, other.id, s.id)).rejects.toMatchObject({ status: 404 });
    const history = await submissionHistory(d.db, learner.id, "softmax");
    expect(history[0]!.id).toBe(s.id);
    expect(history.length).toBeGreaterThanOrEqual(3);
  });

  it("queues and grades a PENDING submission that has no job (stored before the queue existed) when a worker starts", async () => {
    const user = await signUp(d.db, { email: `orphan-${provider}@example.org`, displayName: "Orphan", password: "correct horse battery" });
    const orphan = (await createSubmission(d.db, user.id, { exerciseId: "softmax", code: reference, clientSubmissionId: cid() })).submission;
    if (provider === "postgresql") await d.db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key = ${orphan.id}`;
    else await d.db.gradingJob.delete({ where: { submissionId: orphan.id } });
    const late = createGradingWorker({ db: d.db, grader: pool, slots: 1, log: () => {} });
    await late.start();
    try {
      const view = await submitForGrading(d.db, late, user.id, { exerciseId: "softmax", code: reference, clientSubmissionId: orphan.clientSubmissionId }, RULE);
      expect(view).toMatchObject({ id: orphan.id, status: "GRADED", score: 1 });
      expect((await d.db.submission.findUniqueOrThrow({ where: { id: orphan.id } })).gradeAttempts).toBe(1);
    } finally {
      await late.stop();
    }
  });

  it("keeps one draft per learner and exercise, refuses oversized drafts and unknown exercises, and forgets it on reset", async () => {
    expect(await getDraft(d.db, learner.id, "softmax")).toBeNull();
    await saveDraft(d.db, learner.id, "softmax", { code: "// one" });
    await saveDraft(d.db, learner.id, "softmax", { code: "// two" });
    expect((await getDraft(d.db, learner.id, "softmax"))?.code).toBe("// two");
    expect(await getDraft(d.db, other.id, "softmax")).toBeNull();
    const big = await saveDraft(d.db, learner.id, "softmax", { code: "x".repeat(110_000) }).catch((e: unknown) => e);
    expect((big as AppError).fieldErrors.code?.en).toMatch(/larger than 100 KB/);
    await expect(saveDraft(d.db, learner.id, "nope", { code: "x" })).rejects.toMatchObject({ status: 404 });
    await deleteDraft(d.db, learner.id, "softmax");
    expect(await getDraft(d.db, learner.id, "softmax")).toBeNull();
  });

  it("builds the page's view: statement in the learner's language, visible cases without the reference, the reference only once solved", async () => {
    await saveDraft(d.db, other.id, "softmax", { code: "// my draft" });
    const before = await exerciseView(d.db, other.id, "softmax", "ja");
    expect(before.statementMarkdown).toMatch(/[\u3040-\u30ff]/);
    expect(before.draft?.code).toBe("// my draft");
    expect(before.referenceSource).toBeNull();
    expect(before.solved).toBe(false);
    expect(before.payload.cases.every((c) => c.visibility === "visible")).toBe(true);
    expect(JSON.stringify(before.payload)).not.toContain("Math.exp(zi - m)");
    const solvedView = await exerciseView(d.db, learner.id, "softmax", "en");
    expect(solvedView.solved).toBe(true);
    expect(solvedView.referenceSource).toContain("Math.exp(zi - m)");
    await expect(exerciseView(d.db, learner.id, "no-such-exercise", "en")).rejects.toMatchObject({ status: 404 });
  });
});

describe("the editor's linalg declarations", () => {
  function diagnostics(helpers: string[], code: string): string[] {
    const files: Record<string, string> = { "/linalg.d.ts": linalgDeclarations(helpers), "/solution.ts": code };
    const options: ts.CompilerOptions = { types: [], strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ["lib.es2022.d.ts"] };
    const host = ts.createCompilerHost(options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang) => (name in files ? ts.createSourceFile(name, files[name]!, lang) : read(name, lang));
    host.fileExists = (name) => name in files || ts.sys.fileExists(name);
    host.readFile = (name) => files[name] ?? ts.sys.readFile(name);
    const program = ts.createProgram(Object.keys(files), options, host);
    return ts.getPreEmitDiagnostics(program).map((x) => ts.flattenDiagnosticMessageText(x.messageText, "\n"));
  }

  it("types the allowed helpers as graders/linalg does and knows nothing else", () => {
    expect(diagnostics(["svd", "matmul"], 'import { svd, matmul } from "linalg";\nexport const f = (A: number[][]): number[] => svd(matmul(A, A)).S;\n')).toEqual([]);
    expect(diagnostics(["svd"], 'import { svd } from "linalg";\nexport const f = (A: number[][]): string => svd(A).S;\n').join()).toMatch(/not assignable to type 'string'/);
    expect(diagnostics(["svd"], 'import { qr } from "linalg";\nexport const f = qr;\n').join()).toMatch(/has no exported member 'qr'/);
    expect(diagnostics([], 'import { zeros } from "linalg";\nexport const z = zeros(2);\n').join()).toMatch(/has no exported member 'zeros'/);
  });

  it("keeps overloads", () => {
    expect(diagnostics(["zeros", "solve"], 'import { zeros, solve } from "linalg";\nconst v: number[] = zeros(3);\nconst M: number[][] = zeros(2, 2);\nexport const x: number[] = solve(M, v);\n')).toEqual([]);
  });
});
