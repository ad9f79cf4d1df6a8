import type { QuizParams } from "../content/quiz";

/** How a parameter appears in a prompt: numbers as written, vectors and matrices as KaTeX matrices. */
export function renderParam(v: QuizParams[string]): string {
  if (typeof v === "number") return String(v);
  if (v.length > 0 && Array.isArray(v[0])) return `\\begin{bmatrix}${(v as number[][]).map((r) => r.join(" & ")).join(" \\\\ ")}\\end{bmatrix}`;
  return `\\begin{bmatrix}${(v as number[]).join(" & ")}\\end{bmatrix}`;
}

/**
 * Fills a param-numeric prompt's {{name}} placeholders with this learner's parameters. The quiz page and
 * exercises:check both use it, so the text that is proven to render with KaTeX is the text learners see.
 */
export function fillPlaceholders(textWithPlaceholders: string, params: QuizParams): string {
  return textWithPlaceholders.replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, (m, name: string) => (name in params ? renderParam(params[name]!) : m));
}
