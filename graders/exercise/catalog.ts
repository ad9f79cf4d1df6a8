import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { QuizItem } from "../content/quiz";
import type { LocalizedText } from "../text";
import { manifestSchema, topicSchema, type Manifest, type TopicMeta } from "./manifest";
import { loadTsModule } from "./ts-module";

export interface CatalogTopic extends TopicMeta {
  dir: string;
  contentHash: string;
}

export interface CatalogExercise {
  id: string;
  topic: string;
  dir: string;
  manifest: Manifest;
  statement: LocalizedText;
  /** sha256 over every file of the exercise folder; a submission keeps the hash it was graded against. */
  contentHash: string;
}

export interface CatalogQuizItem {
  id: string;
  topic: string;
  /** Position within the topic's quiz. */
  order: number;
  item: QuizItem;
  contentHash: string;
}

export interface CatalogProblem {
  /** Path relative to the content root. */
  where: string;
  message: string;
}

export interface Catalog {
  root: string;
  topics: CatalogTopic[];
  exercises: CatalogExercise[];
  quizItems: CatalogQuizItem[];
  /** Content that could not be loaded; the rest of the catalog is still usable. */
  problems: CatalogProblem[];
}

export function defaultContentRoot(): string {
  return path.resolve(process.env.ML_DOJO_EXERCISES_DIR ?? path.join(process.cwd(), "exercises"));
}

function subdirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules")
    .map((e) => e.name)
    .sort();
}

function filesUnder(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(path.join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** A hash of a folder's files and their names, independent of file times and of the machine. */
export function hashFolder(dir: string): string {
  const h = createHash("sha256");
  for (const rel of filesUnder(dir)) {
    h.update(rel).update("\0").update(readFileSync(path.join(dir, rel))).update("\0");
  }
  return h.digest("hex");
}

/** Hash of a quiz item: its data plus the source of its functions, so an edited formula changes the hash. */
export function hashQuizItem(item: QuizItem): string {
  const json = JSON.stringify(item, (_key, value: unknown) => (typeof value === "function" ? value.toString() : value));
  return createHash("sha256").update(json).digest("hex");
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8")) as unknown;
}

function zodMessage(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; ");
}

function isQuizItemArray(value: unknown): value is QuizItem[] {
  return Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && "id" in v && "type" in v);
}

function loadExercise(root: string, topic: string, id: string, problems: CatalogProblem[]): CatalogExercise | undefined {
  const dir = path.join(root, topic, id);
  const where = `${topic}/${id}`;
  let manifest: Manifest;
  try {
    const parsed = manifestSchema.safeParse(readJson(path.join(dir, "manifest.json")));
    if (!parsed.success) {
      problems.push({ where: `${where}/manifest.json`, message: zodMessage(parsed.error) });
      return undefined;
    }
    manifest = parsed.data;
  } catch (error) {
    problems.push({ where: `${where}/manifest.json`, message: (error as Error).message });
    return undefined;
  }
  if (manifest.id !== id || manifest.topic !== topic) {
    problems.push({ where: `${where}/manifest.json`, message: `id/topic "${manifest.topic}/${manifest.id}" must equal the folder "${where}"` });
    return undefined;
  }
  const statement = { en: "", ja: "" };
  for (const lang of ["en", "ja"] as const) {
    try {
      statement[lang] = readFileSync(path.join(dir, `statement.${lang}.md`), "utf8");
    } catch {
      problems.push({ where: `${where}/statement.${lang}.md`, message: "missing statement" });
      return undefined;
    }
  }
  return { id, topic, dir, manifest, statement, contentHash: hashFolder(dir) };
}

/**
 * Reads exercises/: topics, exercises and quiz items, validated, ordered, hashed. Exercises' TS is not evaluated
 * here (only quiz.ts is), so a broken exercise costs only itself.
 */
export function loadCatalog(root: string = defaultContentRoot()): Catalog {
  const problems: CatalogProblem[] = [];
  const topics: CatalogTopic[] = [];
  const exercises: CatalogExercise[] = [];
  const quizItems: CatalogQuizItem[] = [];
  const seenIds = new Map<string, string>();

  for (const topicDir of subdirectories(root)) {
    const dir = path.join(root, topicDir);
    const topicFile = path.join(dir, "topic.json");
    let meta: TopicMeta;
    try {
      const parsed = topicSchema.safeParse(readJson(topicFile));
      if (!parsed.success) {
        problems.push({ where: `${topicDir}/topic.json`, message: zodMessage(parsed.error) });
        continue;
      }
      meta = parsed.data;
    } catch (error) {
      problems.push({ where: `${topicDir}/topic.json`, message: (error as Error).message });
      continue;
    }
    if (meta.id !== topicDir) {
      problems.push({ where: `${topicDir}/topic.json`, message: `id "${meta.id}" must equal the folder name` });
      continue;
    }
    topics.push({ ...meta, dir, contentHash: createHash("sha256").update(readFileSync(topicFile)).digest("hex") });

    for (const id of subdirectories(dir)) {
      try {
        statSync(path.join(dir, id, "manifest.json"));
      } catch {
        continue; // not an exercise folder
      }
      const exercise = loadExercise(root, topicDir, id, problems);
      if (!exercise) continue;
      const previous = seenIds.get(id);
      if (previous) {
        problems.push({ where: `${topicDir}/${id}`, message: `exercise id "${id}" is already used by ${previous}` });
        continue;
      }
      seenIds.set(id, `${topicDir}/${id}`);
      exercises.push(exercise);
    }

    const quizFile = path.join(dir, "quiz.ts");
    try {
      statSync(quizFile);
    } catch {
      continue; // a topic without a quiz
    }
    try {
      const items = loadTsModule(quizFile).default;
      if (!isQuizItemArray(items)) {
        problems.push({ where: `${topicDir}/quiz.ts`, message: "the default export must be defineQuiz([...])" });
        continue;
      }
      items.forEach((item, order) => {
        quizItems.push({ id: item.id, topic: topicDir, order, item, contentHash: hashQuizItem(item) });
      });
    } catch (error) {
      problems.push({ where: `${topicDir}/quiz.ts`, message: (error as Error).message });
    }
  }

  const quizIds = new Set<string>();
  for (const q of quizItems) {
    if (quizIds.has(q.id)) problems.push({ where: `${q.topic}/quiz.ts`, message: `quiz item id "${q.id}" is used twice` });
    quizIds.add(q.id);
  }
  topics.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const topicOrder = new Map(topics.map((t, i) => [t.id, i]));
  exercises.sort((a, b) => (topicOrder.get(a.topic)! - topicOrder.get(b.topic)!) || a.manifest.order - b.manifest.order || a.id.localeCompare(b.id));
  return { root, topics, exercises, quizItems, problems };
}
