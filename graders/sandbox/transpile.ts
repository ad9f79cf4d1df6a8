import { SourceMap } from "node:module";
import { performance } from "node:perf_hooks";
import { transform } from "sucrase";
import type { SourcePosition } from "../verdict";
import { SOLUTION_FILENAME } from "./guest/protocol";
import { checkLinalgImports } from "./linalg-imports";
import { syntaxMessage } from "./syntax-message";
import { rewriteExports } from "./rewrite-exports";
import { MAX_CODE_BYTES } from "./types";

/**
 * Learner TypeScript → CommonJS-style JavaScript with sucrase (types removed, imports turned into `require`); exports
 * become getters first (rewrite-exports.ts explains why).
 * Sucrase rather than esbuild: the grader child may not spawn processes under the permission model, and sucrase is
 * pure JavaScript. It keeps line numbers; its source map gives exact columns in the learner's own source.
 */
export type TranspileResult =
  | { ok: true; js: string; toSource: (jsLine: number, jsColumn?: number) => SourcePosition; ms: number }
  | { ok: false; error: { message: string; position?: SourcePosition }; ms: number };

function positionAt(source: string, index: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

export function transpileLearnerCode(code: string, helpers: readonly string[]): TranspileResult {
  const t0 = performance.now();
  const bytes = Buffer.byteLength(code, "utf8");
  if (bytes > MAX_CODE_BYTES) {
    return {
      ok: false,
      error: { message: `The code is ${Math.ceil(bytes / 1024)} KB; the limit is ${MAX_CODE_BYTES / 1024} KB. Remove unused code or large data tables.` },
      ms: performance.now() - t0,
    };
  }
  const refused = checkLinalgImports(code, helpers);
  if (refused) return { ok: false, error: refused, ms: performance.now() - t0 };
  const rewritten = rewriteExports(code);
  if (!rewritten.ok) return { ok: false, error: { message: rewritten.message, position: positionAt(code, rewritten.pos) }, ms: performance.now() - t0 };
  let out: ReturnType<typeof transform>;
  try {
    out = transform(rewritten.code, {
      transforms: ["typescript", "imports"],
      filePath: SOLUTION_FILENAME,
      // An unused `import … from "./reference"` must still fail, not vanish silently.
      keepUnusedImports: true,
      sourceMapOptions: { compiledFilename: "solution.js" },
    });
  } catch (error) {
    const e = error as { message?: unknown; pos?: unknown };
    const position = typeof e.pos === "number" ? positionAt(code, e.pos) : undefined;
    const message = syntaxMessage(typeof e.message === "string" ? e.message : "could not parse the code", code, typeof e.pos === "number" ? e.pos : undefined, position);
    return { ok: false, error: { message, ...(position ? { position } : {}) }, ms: performance.now() - t0 };
  }
  const map = out.sourceMap ? new SourceMap(out.sourceMap as unknown as ConstructorParameters<typeof SourceMap>[0]) : undefined;
  const toSource = (jsLine: number, jsColumn?: number): SourcePosition => {
    if (map && jsColumn !== undefined) {
      const entry = map.findEntry(jsLine - 1, jsColumn - 1) as { generatedLine?: number; originalLine?: number; originalColumn?: number };
      // The map marks token starts. V8 points at a token (a property, a call); where sucrase inserted text (e.g.
      // `matmul(…)` → `_linalg.matmul.call(void 0, …)`) the nearest token before it is the learner's own.
      if (entry.generatedLine === jsLine - 1 && entry.originalLine !== undefined && entry.originalColumn !== undefined) {
        return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
      }
    }
    // Sucrase keeps line numbers, so the line is right even where the map has no entry.
    return { line: jsLine };
  };
  return { ok: true, js: out.code, toSource, ms: performance.now() - t0 };
}
