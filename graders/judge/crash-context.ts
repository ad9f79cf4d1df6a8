import type { LocalizedText } from "../text";
import type { SourcePosition } from "../verdict";

/**
 * What was being computed when the learner's code threw: the case (a visible case by name with the shapes of its
 * arguments; a hidden case by its class only), the function of the learner's source that contains the failing line,
 * and that line. The line and the function come from the learner's own source, so they reveal nothing hidden.
 * Browser-safe: the Run worker uses it too.
 */

/** "3×2", "length 4", "number", "2×3×4 tensor": the shape of one argument, never its values. */
export function shapeOf(v: unknown): string {
  if (typeof v === "number") return "a number";
  if (typeof v === "string") return "a string";
  if (typeof v === "boolean") return "a boolean";
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every((r) => Array.isArray(r))) {
      const cols = new Set(v.map((r) => (r as unknown[]).length));
      if (cols.size === 1) {
        const first = v[0] as unknown[];
        if (first.length > 0 && first.every((x) => Array.isArray(x))) return `${v.length}×${first.length}×${(first[0] as unknown[]).length} array`;
        return `${v.length}×${[...cols][0]} matrix`;
      }
      return `${v.length} rows of lengths ${[...cols].slice(0, 4).join(", ")}${cols.size > 4 ? ", …" : ""}`;
    }
    return `a vector of length ${v.length}`;
  }
  if (typeof v === "object" && v !== null) {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.shape) && o.shape.every((x) => typeof x === "number")) return `a ${(o.shape as number[]).join("×")} tensor`;
    return `an object with ${Object.keys(o).slice(0, 5).join(", ")}`;
  }
  return typeof v;
}

const shapeJa = (s: string): string =>
  s
    .replace(/^a number$/, "数値")
    .replace(/^a string$/, "文字列")
    .replace(/^a boolean$/, "真偽値")
    .replace(/^a vector of length (\d+)$/, "長さ $1 のベクトル")
    .replace(/^(\d+)×(\d+) matrix$/, "$1×$2 行列")
    .replace(/^(\d+×\d+×\d+) array$/, "$1 配列")
    .replace(/^a ([\d×]+) tensor$/, "$1 のテンソル")
    .replace(/^(\d+) rows of lengths (.*)$/, "$1 行（長さ $2）")
    .replace(/^an object with (.*)$/, "オブジェクト（$1）");

/** Parameter names of `export function call(…)` in the signature, when they can be read plainly. */
export function parameterNames(signature: string, call: string): string[] | undefined {
  const m = new RegExp(`function\\s+${call.replace(/[$]/g, "\\$")}\\s*\\(([^()]*(?:\\([^()]*\\)[^()]*)*)\\)`).exec(signature);
  if (!m) return undefined;
  const names: string[] = [];
  let depth = 0;
  let part = "";
  let prev = "";
  for (const ch of m[1]!) {
    if ("([{<".includes(ch)) depth++;
    // The ">" of an arrow "=>" in a function type closes nothing.
    if (")]}".includes(ch) || (ch === ">" && prev !== "=")) depth--;
    prev = ch;
    if (ch === "," && depth === 0) {
      names.push(part);
      part = "";
    } else part += ch;
  }
  if (part.trim() !== "") names.push(part);
  const out = names.map((p) => /^\s*(?:\.\.\.)?([A-Za-z_$][\w$]*)/.exec(p)?.[1]);
  return out.every((n): n is string => n !== undefined) ? out : undefined;
}

/** Blanks strings, template literals and comments (keeping line breaks and lengths), so braces in them do not count. */
function codeOnly(src: string): string {
  let out = "";
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    const blank = (s: string) => s.replace(/[^\n]/g, " ");
    if (c === "/" && next === "/") {
      const end = src.indexOf("\n", i);
      const stop = end < 0 ? src.length : end;
      out += blank(src.slice(i, stop));
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += blank(src.slice(i, stop));
      i = stop;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      out += c + blank(src.slice(i + 1, Math.min(j, src.length))) + (j < src.length ? c : "");
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const HEADERS = [
  /\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\([^]*?\)\s*(?::[^{]*)?$/,
  /\b([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*(?:async\s*)?(?:function\b[^]*?|\([^]*?\)\s*(?::[^=]*)?=>\s*|[A-Za-z_$][\w$]*\s*=>\s*)$/,
  /(?:^|[;{}\s])(?!if\b|for\b|while\b|switch\b|catch\b|with\b|return\b)([A-Za-z_$][\w$]*)\s*\([^()]*\)\s*(?::[^{]*)?$/,
];

/**
 * The innermost named function (a declaration, `const f = (…) => {`, a method) whose braces contain `line`;
 * undefined when none does or the source does not scan plainly.
 */
export function enclosingFunction(source: string, line: number): string | undefined {
  const code = codeOnly(source);
  const stack: (string | undefined)[] = [];
  let currentLine = 1;
  let segmentStart = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === "\n") {
      currentLine++;
      if (currentLine > line) break;
      continue;
    }
    if (c === "{") {
      const before = code.slice(Math.max(segmentStart, i - 400), i);
      let name: string | undefined;
      for (const re of HEADERS) {
        const m = re.exec(before);
        if (m) {
          name = m[1];
          break;
        }
      }
      stack.push(name);
      segmentStart = i + 1;
    } else if (c === "}") {
      stack.pop();
      segmentStart = i + 1;
    } else if (c === ";") segmentStart = i + 1;
  }
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k]) return stack[k];
  return undefined;
}

/** The learner's own line, trimmed and shortened, for quoting. */
function lineText(source: string, line: number): string | undefined {
  const text = source.split("\n")[line - 1]?.trim();
  if (!text) return undefined;
  return text.length > 100 ? `${text.slice(0, 97)}…` : text;
}

export interface CrashCase {
  name: string;
  label: LocalizedText;
  visibility: "visible" | "hidden";
  call: string;
  args: unknown[];
}

/**
 * "Thrown while computing the visible case “two rows” (lstsq(A: 3×2 matrix, b: a vector of length 3)), in lstsq at line 7:
 * `const x = …`." For a hidden case only its class, and no shapes.
 */
export function crashContext(c: CrashCase, position: SourcePosition | undefined, source: string | undefined, signature: string | undefined, driven: boolean): LocalizedText {
  let what: LocalizedText;
  if (c.visibility === "hidden") {
    what = { en: `Thrown while computing a case of the hidden class “${c.label.en}”`, ja: `非公開クラス「${c.label.ja}」のケースを計算している途中`};
  } else {
    const names = !driven && signature ? parameterNames(signature, c.call) : undefined;
    const shapes = c.args.map((a, i) => ({ name: names?.[i] ?? `argument ${i + 1}`, nameJa: names?.[i] ?? `引数 ${i + 1}`, shape: shapeOf(a) }));
    const en = shapes.map((s) => `${s.name}: ${s.shape}`).join(", ");
    const ja = shapes.map((s) => `${s.nameJa}: ${shapeJa(s.shape)}`).join("、");
    what = {
      en: `Thrown while computing the visible case “${c.label.en}”${driven ? "" : ` (${c.call}(${en}))`}`,
      ja: `公開ケース「${c.label.ja}」${driven ? "" : `（${c.call}(${ja})）`}を計算している途中`,
    };
  }
  const fn = position && source ? enclosingFunction(source, position.line) : undefined;
  const quoted = position && source ? lineText(source, position.line) : undefined;
  const where = position
    ? {
        en: `${fn ? `, in ${fn}` : ""} at line ${position.line}${quoted ? `: \`${quoted}\`` : ""}`,
        ja: `${fn ? `、${fn} の中` : ""}、${position.line} 行目${quoted ? `（\`${quoted}\`）` : ""}`,
      }
    : { en: "", ja: "" };
  return { en: `${what.en}${where.en}.`, ja: `${what.ja}${where.ja}で例外が発生しました。` };
}
