import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { transform } from "sucrase";
import * as linalg from "../linalg/index";

/**
 * Loads trusted TypeScript content (cases.ts, reference.ts, quiz.ts) in the host at run time.
 * Sucrase plus `new Function` rather than a loader hook or esbuild: it works the same under vitest, tsx, the
 * bundled grader child (which may not spawn processes) and the Next.js server, and content stays data, not code
 * that the build must know about. Never use it for learner code: that runs only in the sandbox.
 */
export type ModuleExports = Record<string, unknown>;

interface CachedModule {
  mtimeMs: number;
  module: { exports: ModuleExports };
}

const cache = new Map<string, CachedModule>();

const CANDIDATE_SUFFIXES = ["", ".ts", "/index.ts", ".js", ".json"];

function resolveRelative(fromFile: string, specifier: string): string {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const suffix of CANDIDATE_SUFFIXES) {
    const candidate = base + suffix;
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next suffix
    }
  }
  throw new Error(`Cannot find module "${specifier}" imported from ${fromFile}`);
}

export function loadTsModule(absPath: string): ModuleExports {
  const file = path.resolve(absPath);
  const { mtimeMs } = statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.module.exports;

  const module = { exports: {} as ModuleExports };
  // Registered before evaluation so that circular imports see a partial module, as in CommonJS.
  cache.set(file, { mtimeMs, module });
  const source = readFileSync(file, "utf8");
  if (file.endsWith(".json")) {
    module.exports = JSON.parse(source) as ModuleExports;
    return module.exports;
  }
  const nodeRequire = createRequire(file);
  const requireShim = (specifier: string): unknown => {
    if (specifier === "linalg") return linalg;
    if (specifier.startsWith(".") || path.isAbsolute(specifier)) return loadTsModule(resolveRelative(file, specifier));
    return nodeRequire(specifier);
  };
  try {
    const { code } = transform(source, { transforms: ["typescript", "imports"], filePath: file, production: true });
    const evaluate = new Function("exports", "require", "module", "__filename", "__dirname", `${code}\n//# sourceURL=${file}`);
    evaluate(module.exports, requireShim, module, file, path.dirname(file));
  } catch (error) {
    cache.delete(file);
    throw error;
  }
  return module.exports;
}

/** Forgets every loaded module, so that edited content is read again. */
export function clearTsModuleCache(): void {
  cache.clear();
}
