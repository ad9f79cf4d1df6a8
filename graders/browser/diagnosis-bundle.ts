import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";
import ts from "typescript";

/**
 * The exercise's own feedback (its `diagnose`, the visible cases' `hintsWhen`, and the property `check` of invariant
 * mode) as one CommonJS script for the browser's instant Run, so that Run names the same mistakes as Submit with the
 * same code. Built from cases.ts at
 * run time (content is data, the Next build knows nothing of it), cached per content hash.
 *
 * What must never reach the browser is cut from the source before bundling, on its syntax tree:
 * - the hidden classes (`hidden: […]` becomes `[]`): their generators and the learner's seed would rebuild the
 *   hidden inputs;
 * - `numericGradient` (its numbers come with the cases) and `driver` (it ships as source already);
 * - imports of the exercise's reference.ts (or anything but the authoring kit and linalg from outside the folder):
 *   a name imported from there becomes a function that throws, so a diagnosis that needs the reference says
 *   nothing on Run (the shared detectors speak instead) and speaks on Submit.
 * The bundle's inputs are then checked (fail closed): any file but cases.ts and sibling helpers gives no bundle.
 */

/** Module specifiers the browser worker provides: the authoring kit and the linalg helpers. */
export const CONTENT_MODULE = "ml-dojo:content";
export const LINALG_MODULE = "linalg";

const STRIPPED: Record<string, string> = { hidden: "[]", numericGradient: "undefined", driver: "undefined" };
const UNAVAILABLE = "__mlDojoUnavailable";

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The authoring kit (graders/content), wherever the content tree sits (the app's exercises/, test fixtures). */
function isContentKit(resolved: string): boolean {
  return /[\\/]graders[\\/]content([\\/]index(\.ts)?)?$/.test(resolved);
}

/** True for a sibling module of cases.ts that may ship: not the reference, starter, mutants or statements. */
function isShippableSibling(resolved: string, dir: string): boolean {
  const rel = path.relative(dir, resolved);
  if (rel.startsWith("..") || path.isAbsolute(rel) || rel.includes(path.sep)) return false;
  return !/^(reference|starter)(\.ts)?$/.test(rel);
}

/** The default export's `defineCases({…})` object literal, or the literal itself. */
function casesLiteral(sf: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  for (const st of sf.statements) {
    if (!ts.isExportAssignment(st)) continue;
    let e: ts.Expression = st.expression;
    // Wrappers such as withAnalyticGradient(defineCases({…}), …) take the cases as their first argument.
    for (;;) {
      while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
      if (!ts.isCallExpression(e) || !e.arguments[0]) break;
      e = e.arguments[0];
    }
    return ts.isObjectLiteralExpression(e) ? e : undefined;
  }
  return undefined;
}

/** cases.ts with the parts that must not ship replaced; undefined when its shape is not the usual one. */
export function browserCasesSource(source: string, dir: string): string | undefined {
  const sf = ts.createSourceFile("cases.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const literal = casesLiteral(sf);
  if (!literal) return undefined;
  const edits: Edit[] = [];
  for (const p of literal.properties) {
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (name === undefined || !(name in STRIPPED)) continue;
    if (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isShorthandPropertyAssignment(p)) {
      edits.push({ start: p.getStart(sf), end: p.getEnd(), text: `${name}: ${STRIPPED[name]}` });
    } else return undefined;
  }
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const spec = st.moduleSpecifier.text;
    if (spec === LINALG_MODULE) continue;
    const resolved = spec.startsWith(".") ? path.resolve(dir, spec) : undefined;
    if (resolved && isContentKit(resolved)) {
      edits.push({ start: st.moduleSpecifier.getStart(sf), end: st.moduleSpecifier.getEnd(), text: JSON.stringify(CONTENT_MODULE) });
      continue;
    }
    if (resolved && isShippableSibling(resolved, dir)) continue;
    // Anything else (the reference above all): its names become functions that throw when called.
    const clause = st.importClause;
    if (clause?.isTypeOnly) {
      edits.push({ start: st.getStart(sf), end: st.getEnd(), text: "" });
      continue;
    }
    const names: string[] = [];
    if (clause?.name) names.push(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if (!el.isTypeOnly) names.push(el.name.text);
    const decl = names.length > 0 ? `const ${names.map((n) => `${n} = ${UNAVAILABLE}`).join(", ")};` : "";
    edits.push({ start: st.getStart(sf), end: st.getEnd(), text: decl });
  }
  let out = source;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  // A function (not a value) so that reading a property of an unavailable import also throws only when called.
  return `${out}\nfunction ${UNAVAILABLE}(): never { throw new Error("not available on Run"); }\n`;
}

const cache = new Map<string, { hash: string; code: string | undefined }>();

/** The bundle for one exercise folder, or undefined when it cannot be built safely (Run then uses the shared detectors). */
export function diagnosisBundle(ex: { dir: string; contentHash: string }): string | undefined {
  const hit = cache.get(ex.dir);
  if (hit && hit.hash === ex.contentHash) return hit.code;
  let code: string | undefined;
  try {
    code = build(ex.dir);
  } catch (error) {
    console.error(`[ml-dojo] the Run diagnoses of ${path.basename(ex.dir)} could not be bundled; Run uses the shared detectors:`, error);
    code = undefined;
  }
  cache.set(ex.dir, { hash: ex.contentHash, code });
  return code;
}

function build(dir: string): string | undefined {
  const contents = browserCasesSource(readFileSync(path.join(dir, "cases.ts"), "utf8"), dir);
  if (contents === undefined) return undefined;
  const out = buildSync({
    stdin: { contents, resolveDir: dir, sourcefile: "cases.ts", loader: "ts" },
    absWorkingDir: dir,
    bundle: true,
    format: "cjs",
    platform: "neutral",
    target: "es2022",
    external: [CONTENT_MODULE, LINALG_MODULE],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(out.metafile.inputs).map((f) => path.resolve(dir, f));
  for (const f of inputs) {
    if (f.endsWith("<stdin>") || f === path.join(dir, "cases.ts")) continue;
    if (!isShippableSibling(f, dir)) throw new Error(`the bundle would include ${path.relative(dir, f)}`);
  }
  return out.outputFiles[0]?.text;
}
