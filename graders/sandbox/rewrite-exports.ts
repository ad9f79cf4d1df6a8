import { parse } from "sucrase/dist/parser";
import { isTopLevelDeclaration, type Token } from "sucrase/dist/parser/tokenizer";
import { TokenType as tt } from "sucrase/dist/parser/tokenizer/types";

/**
 * Turns a module's `export` statements into getters on `module.exports`, set at its end, before sucrase's `imports` transform runs.
 *
 * Why: sucrase's own export handling rewrites every assignment to an exported name, and it mistakes a class field
 * of the same name for one. `export class Var { grad = 0 }` beside `export function grad` became
 * `this.grad = exports.grad = 0`, so constructing a Var replaced the exported function with 0; `export let a = 1;
 * a = 2` left the local `a` at 1. With the exports gone, sucrase converts only the imports, and the getters give
 * live bindings as ES modules do.
 *
 * Every `export` keyword is blanked with spaces (newlines kept), so lines and columns stay where the learner wrote
 * them and sucrase's source map keeps pointing into the learner's own text.
 */
export type RewriteResult = { ok: true; code: string; exports: ReadonlyArray<readonly [exported: string, local: string]> } | { ok: false; message: string; pos: number };

const DEFAULT_LOCAL = "__mlDojoDefaultExport";

function blank(chars: string[], from: number, to: number): void {
  for (let i = from; i < to; i++) if (chars[i] !== "\n" && chars[i] !== "\r") chars[i] = " ";
}

function isName(token: Token | undefined, source: string, word?: string): boolean {
  return token?.type === tt.name && (word === undefined || source.slice(token.start, token.end) === word);
}

/** The declared name of `function f`, `async function* f`, `class C`: the first top-level declaration in range. */
function declaredNames(tokens: Token[], from: number, to: number, source: string): string[] {
  const names: string[] = [];
  for (let j = from; j < to; j++) {
    const t = tokens[j]!;
    if (t.type === tt.name && !t.isType && t.scopeDepth === 0 && isTopLevelDeclaration(t)) names.push(source.slice(t.start, t.end));
  }
  return names;
}

export function rewriteExports(source: string): RewriteResult {
  // A syntax error is left to the transform that follows: it reports it with the same parser and position.
  let tokens: Token[];
  try {
    tokens = parse(source, false, true, false).tokens;
  } catch {
    return { ok: true, code: source, exports: [] };
  }
  // Token positions count UTF-16 units, as split("") does.
  const units = source.split("");
  const exports: [string, string][] = [];
  let sawExport = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== tt._export || t.isType) continue;
    sawExport = true;
    const end = t.rhsEndIndex ?? tokens.length;
    const next = tokens[i + 1];
    const refuse = (what: string): RewriteResult => ({ ok: false, message: `${what} is not supported in a solution: declare the function in this file and export it with "export function …"`, pos: t.start });
    if (!next) return refuse("An empty export");

    if (next.type === tt._default) {
      const after = tokens[i + 2];
      const isDecl = after?.type === tt._function || after?.type === tt._class || (isName(after, source, "async") && tokens[i + 3]?.type === tt._function);
      const named = isDecl ? declaredNames(tokens, i + 2, end, source)[0] : undefined;
      if (named) {
        blank(units, t.start, next.end);
        exports.push(["default", named]);
      } else {
        // `export default <expression>` or an anonymous function/class: bound to a local the getter can return.
        const replacement = `var ${DEFAULT_LOCAL} =`;
        units.splice(t.start, next.end - t.start, replacement, ...Array<string>(next.end - t.start - 1).fill(""));
        exports.push(["default", DEFAULT_LOCAL]);
      }
    } else if (next.type === tt.braceL) {
      let j = i + 2;
      const pairs: [string, string][] = [];
      while (j < end && tokens[j]!.type !== tt.braceR) {
        const spec = tokens[j]!;
        if (spec.type === tt.comma || spec.isType) {
          j++;
          continue;
        }
        const local = source.slice(spec.start, spec.end);
        let exported = local;
        if (isName(tokens[j + 1], source, "as") && !tokens[j + 1]!.isType) {
          const alias = tokens[j + 2]!;
          exported = alias.type === tt.string ? (JSON.parse(source.slice(alias.start, alias.end)) as string) : source.slice(alias.start, alias.end);
          j += 3;
        } else j++;
        pairs.push([exported, local]);
      }
      if (isName(tokens[j + 1], source, "from")) return refuse(`"export { … } from" (re-exporting another module)`);
      const last = tokens[end - 1] ?? tokens[j]!;
      blank(units, t.start, Math.max(last.end, tokens[j]?.end ?? last.end));
      exports.push(...pairs);
    } else if (next.type === tt.star) {
      return refuse(`"export * from"`);
    } else if (next.type === tt._import || next.type === tt.eq) {
      return refuse(`"export ${next.type === tt.eq ? "=" : "import"}"`);
    } else {
      // function, async function, class, abstract class, const/let/var (destructuring included), enum.
      const names = declaredNames(tokens, i + 1, end, source);
      if (names.length === 0) return refuse("This export");
      blank(units, t.start, t.end);
      for (const n of names) exports.push([n, n]);
    }
  }
  if (!sawExport) return { ok: true, code: source, exports: [] };
  // An object literal with getters: pure syntax, so a learner who replaced Object.defineProperty or put a `value`
  // on Object.prototype earlier in the module cannot break it. `export {}` keeps the file an ES module for sucrase
  // (strict mode, import interop) without exporting anything.
  const getters = exports.map(([exported, local]) => `get ${JSON.stringify(exported)}() { return ${local}; }`).join(", ");
  return { ok: true, code: `${units.join("")}\n;module.exports = { __proto__: null, ${getters} };\nexport {};\n`, exports };
}
