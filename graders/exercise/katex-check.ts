import katex from "katex";

export interface MathProblem {
  /** 1-based line of the formula in the text. */
  line: number;
  tex: string;
  message: string;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Blanks out fenced and inline code (keeping newlines), so a `$` inside code is not taken for math. */
function withoutCode(md: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  return md.replace(/```[\s\S]*?```/g, blank).replace(/`[^`\n]*`/g, blank);
}

/**
 * Renders every $…$ and $$…$$ of a Markdown text with KaTeX in throwOnError mode and names each formula that fails,
 * with its line. An unclosed delimiter is a problem too. `\$` is a literal dollar.
 */
export function checkMarkdownMath(md: string): MathProblem[] {
  const src = withoutCode(md);
  const problems: MathProblem[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === "\\" && src[i + 1] === "$") {
      i += 2;
      continue;
    }
    if (ch !== "$") {
      i++;
      continue;
    }
    const display = src[i + 1] === "$";
    const open = display ? "$$" : "$";
    const start = i + open.length;
    let end = start;
    while (end < src.length) {
      if (src[end] === "\\") {
        end += 2;
        continue;
      }
      if (src.startsWith(open, end)) break;
      if (!display && src[end] === "\n" && src[end + 1] === "\n") {
        end = src.length; // inline math does not cross a paragraph
        break;
      }
      end++;
    }
    if (end >= src.length) {
      problems.push({ line: lineOf(src, i), tex: src.slice(start, start + 40), message: `unclosed ${open}` });
      break;
    }
    const tex = src.slice(start, end);
    if (tex.trim() === "") problems.push({ line: lineOf(src, i), tex, message: `empty ${open}${open}` });
    else {
      try {
        katex.renderToString(tex, { throwOnError: true, displayMode: display, strict: "ignore", output: "html" });
      } catch (error) {
        problems.push({ line: lineOf(src, i), tex: tex.slice(0, 80), message: (error as Error).message });
      }
    }
    i = end + open.length;
  }
  return problems;
}
