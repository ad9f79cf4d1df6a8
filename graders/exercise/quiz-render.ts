import type { QuizParams } from "../content/quiz";

/** How a parameter appears in a prompt: numbers as written (a minus sign as −), vectors and matrices as KaTeX matrices. */
export function renderParam(v: QuizParams[string]): string {
  if (typeof v === "number") return String(v);
  if (v.length > 0 && Array.isArray(v[0])) return `\\begin{bmatrix}${(v as number[][]).map((r) => r.join(" & ")).join(" \\\\ ")}\\end{bmatrix}`;
  return `\\begin{bmatrix}${(v as number[]).join(" & ")}\\end{bmatrix}`;
}

/**
 * A coefficient times a monomial, as a mathematician writes it: `lead` starts an expression ("3x", "x", "-x", "" for
 * 0 and "7" when the monomial is empty), `term` continues one ("+ 3x", "- 4x", "+ x", "" for 0). Prompts write
 * {{b|term:x}} instead of "+ {{b}}x", which printed "+ -4x" and "0x".
 */
export function renderTerm(c: number, monomial: string, kind: "lead" | "term"): string {
  if (c === 0) return kind === "lead" && monomial === "" ? "0" : "";
  const abs = Math.abs(c);
  const body = monomial === "" ? String(abs) : abs === 1 ? monomial : `${abs}${monomial}`;
  if (kind === "lead") return c < 0 ? `-${body}` : body;
  return c < 0 ? `- ${body}` : `+ ${body}`;
}

/** {{name}}, or {{name|lead:monomial}} / {{name|term:monomial}} for a signed term of an expression. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z_]\w*)\s*(?:\|\s*(lead|term)\s*:([^}]*))?\}\}/g;

/**
 * Fills a param-numeric prompt's {{name}} placeholders with this learner's parameters. The quiz page and
 * exercises:check both use it, so the text that is proven to render with KaTeX is the text learners see.
 */
export function fillPlaceholders(textWithPlaceholders: string, params: QuizParams): string {
  return textWithPlaceholders.replace(PLACEHOLDER, (m, name: string, kind: "lead" | "term" | undefined, monomial: string | undefined) => {
    if (!(name in params)) return m;
    const v = params[name]!;
    if (kind && typeof v === "number") return renderTerm(v, (monomial ?? "").trim(), kind);
    return renderParam(v);
  });
}

/**
 * What a filled prompt must not say: a sign after a plus ("+ -4x"), a double sign, a zero or unit coefficient
 * written out ("0x", "1x"), "+ 0" or "- 0" as a term. Returns the offending snippets.
 */
export function badTerms(filled: string): string[] {
  const out: string[] = [];
  const patterns = [/[+−-]\s*[+−-]\s*\d/g, /(?<![\d.\w])[01]\s?[a-z](?![a-z{])/g, /[+−-]\s*0(?![.\d])(?!\s*[<>=≤≥])/g];
  for (const re of patterns) for (const m of filled.matchAll(re)) out.push(m[0]);
  return out;
}
