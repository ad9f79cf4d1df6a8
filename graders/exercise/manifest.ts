import { z } from "zod";

/** Names a learner may import from "linalg" when the exercise allows them (shared/curriculum.md, Conventions). */
export const LINALG_HELPERS = [
  "matmul", "transpose", "add", "sub", "scale", "eye", "zeros", "dot", "norm",
  "frobenius", "outer", "svd", "qr", "solve", "inv", "det",
] as const;
export type LinalgHelper = (typeof LINALG_HELPERS)[number];

const localized = z
  .object({
    en: z.string().min(1).describe("English text"),
    ja: z.string().min(1).describe("Japanese text: natural Japanese, not a word-for-word gloss"),
  })
  .strict();

export const toleranceSchema = z
  .object({
    rtol: z.number().min(0).describe("relative tolerance: |a − b| ≤ atol + rtol·|b|"),
    atol: z.number().min(0).describe("absolute tolerance"),
  })
  .strict();

export const GRADING_MODES = ["allclose", "invariant", "gradcheck", "behavioral"] as const;

export const manifestSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).describe("exercise id from shared/curriculum.md; equals the folder name"),
    topic: z.string().regex(/^[a-z0-9-]+$/).describe("topic id; equals the parent folder name"),
    order: z.number().int().min(0).describe("position inside the topic, ascending"),
    title: localized.describe("short title"),
    summary: localized.optional().describe("one sentence shown in the catalog"),
    difficulty: z.number().int().min(1).max(5).default(2).describe("1 (warm-up) … 5 (boss exercise)"),
    exports: z.array(z.string().regex(/^[A-Za-z_$][\w$]*$/)).min(1).describe("names the learner's module must export; the first is called by default"),
    signature: z.string().min(1).describe("TypeScript declarations of the exports, shown in the statement and given to the editor"),
    helpers: z.array(z.enum(LINALG_HELPERS)).default([]).describe("linalg helpers the learner may import; anything else is refused"),
    mode: z.enum(GRADING_MODES).describe("how a case is judged (shared/curriculum.md, Conventions)"),
    alsoAllclose: z.boolean().default(false).describe("gradcheck only: also compare the output with the reference by allclose"),
    tolerance: toleranceSchema.describe("default tolerance of every case; a case may override it"),
    gradcheck: z
      .object({
        h: z.number().positive().default(1e-6).describe("step of the central difference"),
        pass: z.number().positive().default(1e-5).describe("relative error below this passes"),
        fail: z.number().positive().default(1e-3).describe("relative error above this fails; in between is 'suspicious'"),
      })
      .strict()
      .optional()
      .describe("gradcheck bands and step"),
    limits: z
      .object({
        timeoutMs: z.number().int().positive().max(10_000).default(2_000).describe("wall-clock budget of one case"),
        memoryMb: z.number().int().min(16).max(512).default(64).describe("isolate heap limit"),
      })
      .strict()
      .default({ timeoutMs: 2_000, memoryMb: 64 }),
    weights: z
      .object({
        visible: z.number().min(0).default(1).describe("weight of each visible case"),
        hidden: z.number().min(0).default(1).describe("weight of each hidden case unless its class sets one"),
      })
      .strict()
      .default({ visible: 1, hidden: 1 }),
    tags: z.array(z.string()).default([]),
  })
  .strict();

export type Manifest = z.infer<typeof manifestSchema>;

export const topicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/).describe("topic id; equals the folder name"),
    order: z.number().int().min(0).describe("position in the catalog"),
    title: localized,
    intro: localized.describe("a short introduction, Markdown with KaTeX"),
  })
  .strict();

export type TopicMeta = z.infer<typeof topicSchema>;
