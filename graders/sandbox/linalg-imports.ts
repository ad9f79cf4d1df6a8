import type { SourcePosition } from "../verdict";

/**
 * The one check of which linalg helpers a solution imports, shared by the server's transpile and the browser's Run,
 * so that Run and Submit refuse the same code with the same words. Browser-safe: no Node imports.
 */
const LINALG_NAMED_IMPORT = /\bimport\s+(type\s+)?\{([^}]*)\}\s*from\s*(["'])linalg\3/g;

function positionAt(source: string, index: number): SourcePosition {
  const before = source.slice(0, index).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** A named import of a helper the exercise does not allow is refused before anything runs, with its position. */
export function checkLinalgImports(source: string, helpers: readonly string[]): { message: string; position: SourcePosition } | undefined {
  for (const m of source.matchAll(LINALG_NAMED_IMPORT)) {
    if (m[1]) continue; // `import type { … }` imports nothing at run time
    const names = (m[2] ?? "")
      .split(",")
      .map((s) => s.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]?.trim() ?? "")
      .filter((s) => s !== "");
    const refused = names.filter((n) => !helpers.includes(n));
    if (refused.length > 0) {
      const allowed = helpers.length ? `this exercise allows only: ${helpers.join(", ")}` : "this exercise allows no linalg helpers";
      return {
        message: `"${refused.join('", "')}" cannot be imported from "linalg": ${allowed}. Write that part yourself.`,
        position: positionAt(source, m.index ?? 0),
      };
    }
  }
  return undefined;
}
