import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ExerciseCases } from "../content/cases";
import { hashFolder, defaultContentRoot } from "./catalog";
import { parseExerciseCases } from "./cases-schema";
import { manifestSchema, type Manifest } from "./manifest";
import { clearTsModuleCache, loadTsModule, type ModuleExports } from "./ts-module";

/** An exercise folder, loaded and checked: everything the judge needs, in the host. */
export interface LoadedExercise {
  id: string;
  topic: string;
  dir: string;
  manifest: Manifest;
  contentHash: string;
  cases: ExerciseCases;
  reference: ModuleExports;
  /** Source of the driver as a function expression, for the sandbox; undefined for `mod[call](...args)`. */
  driverSource?: string;
}

export class ExerciseLoadError extends Error {
  constructor(
    message: string,
    /** "unknown": no such exercise (a usage error); "invalid": it exists but its content is broken (a platform fault). */
    readonly reason: "unknown" | "invalid",
  ) {
    super(message);
    this.name = "ExerciseLoadError";
  }
}

export interface MutantSource {
  name: string;
  file: string;
  source: string;
  /** The `// expect: <words>` of its first line: a substring the English feedback must contain. */
  expect?: string;
}

/** Finds exercises/<topic>/<id>/ by id. */
export function findExerciseDir(id: string, root: string = defaultContentRoot()): string | undefined {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) return undefined;
  let topics: string[];
  try {
    topics = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return undefined;
  }
  for (const topic of topics.sort()) {
    const dir = path.join(root, topic, id);
    try {
      if (statSync(path.join(dir, "manifest.json")).isFile()) return dir;
    } catch {
      // not in this topic
    }
  }
  return undefined;
}

/** A function's source as an expression the sandbox can evaluate: method shorthand `driver(m, c, a) {…}` gets `function`. */
export function functionExpressionSource(f: (...args: never[]) => unknown): string {
  const src = f.toString().trim();
  if (/^(async\s+)?function\b/.test(src)) return src;
  if (/^(async\s*)?(\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>/.test(src)) return src;
  return `function ${src}`;
}

const cache = new Map<string, LoadedExercise>();

function loadFresh(dir: string, contentHash: string): LoadedExercise {
  const where = path.relative(path.dirname(path.dirname(dir)), dir);
  let manifest: Manifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")));
    if (!parsed.success) {
      throw new Error(parsed.error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; "));
    }
    manifest = parsed.data;
  } catch (error) {
    throw new ExerciseLoadError(`${where}/manifest.json is invalid: ${(error as Error).message}`, "invalid");
  }
  const load = (file: string): ModuleExports => {
    try {
      return loadTsModule(path.join(dir, file));
    } catch (error) {
      throw new ExerciseLoadError(`${where}/${file} failed to load: ${(error as Error).message}`, "invalid");
    }
  };
  const parsed = parseExerciseCases(load("cases.ts").default);
  if (!parsed.ok) throw new ExerciseLoadError(`${where}/cases.ts: ${parsed.message}`, "invalid");
  const cases = parsed.cases;
  const reference = load("reference.ts");
  if (!cases.driver) {
    const calls = new Set([...cases.visible.map((c) => c.call), ...cases.hidden.map((c) => c.call)].map((c) => c ?? manifest.exports[0]!));
    for (const call of calls) {
      if (!manifest.exports.includes(call)) throw new ExerciseLoadError(`${where}/cases.ts calls "${call}", which is not in manifest.exports`, "invalid");
    }
  }
  for (const name of manifest.exports) {
    if (!(name in reference)) throw new ExerciseLoadError(`${where}/reference.ts does not export "${name}"`, "invalid");
  }
  if (manifest.mode === "invariant" && !cases.check) throw new ExerciseLoadError(`${where}/cases.ts: invariant mode needs a check() hook`, "invalid");
  if (manifest.mode === "gradcheck" && !cases.numericGradient) {
    throw new ExerciseLoadError(`${where}/cases.ts: gradcheck mode needs a numericGradient() hook`, "invalid");
  }
  return {
    id: manifest.id,
    topic: manifest.topic,
    dir,
    manifest,
    contentHash,
    cases,
    reference,
    ...(cases.driver ? { driverSource: functionExpressionSource(cases.driver) } : {}),
  };
}

/**
 * Loads an exercise by id, cached per content hash: an edited folder is loaded again, an unchanged one is not.
 * Throws ExerciseLoadError with a readable message.
 */
export function loadExercise(id: string, root: string = defaultContentRoot()): LoadedExercise {
  const dir = findExerciseDir(id, root);
  if (!dir) throw new ExerciseLoadError(`unknown exercise "${id}": no exercises/<topic>/${id}/manifest.json`, "unknown");
  return loadExerciseDir(dir);
}

export function loadExerciseDir(dir: string): LoadedExercise {
  const contentHash = hashFolder(dir);
  const hit = cache.get(dir);
  if (hit && hit.contentHash === contentHash) return hit;
  // The module loader caches by file time; a changed hash must read every file again.
  if (hit) clearTsModuleCache();
  const loaded = loadFresh(dir, contentHash);
  cache.set(dir, loaded);
  return loaded;
}

export function readStarter(ex: { dir: string }): string {
  return readFileSync(path.join(ex.dir, "starter.ts"), "utf8");
}

export function readReferenceSource(ex: { dir: string }): string {
  return readFileSync(path.join(ex.dir, "reference.ts"), "utf8");
}

export function readMutants(ex: { dir: string }): MutantSource[] {
  const mdir = path.join(ex.dir, "mutants");
  let files: string[];
  try {
    files = readdirSync(mdir).filter((f) => f.endsWith(".ts")).sort();
  } catch {
    return [];
  }
  return files.map((f) => {
    const source = readFileSync(path.join(mdir, f), "utf8");
    const first = source.split("\n", 1)[0] ?? "";
    const expect = /^\s*\/\/\s*expect:\s*(.+?)\s*$/.exec(first)?.[1];
    return { name: f.replace(/\.ts$/, ""), file: `mutants/${f}`, source, ...(expect ? { expect } : {}) };
  });
}
