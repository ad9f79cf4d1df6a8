import katex from "katex";
// marked 14.0.0 comes with monaco-editor (its own pinned dependency); it is the Markdown parser the editor's hovers use too.
import { Marked, type Tokens } from "marked";

/**
 * Server-side rendering of exercise statements, topic intros and quiz texts: Markdown (GFM) with KaTeX math,
 * `$…$` inline and `$$…$$` display, `\$` a literal dollar. The result is HTML for `dangerouslySetInnerHTML`.
 *
 * Content is written by the course authors, so it is trusted; the output is kept XSS-safe anyway:
 * raw HTML in the Markdown is shown as text, links and images only keep http(s), relative and fragment URLs,
 * and KaTeX runs with `trust: false` (no \href, \url, \htmlClass…).
 *
 * The page must load KaTeX's stylesheet, which app/layout.tsx imports from the katex package (fonts included),
 * so nothing is fetched from a CDN.
 */

export interface RenderOptions {
  /** One line of text (a quiz choice, a title): no <p> around it, block syntax is not parsed. */
  inline?: boolean;
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => escapes[c]!);
}

/** http(s), mailto, site-relative, relative and fragment URLs; anything with another scheme (javascript:, data:) is refused. */
function safeUrl(href: string): string | null {
  const trimmed = href.trim();
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so strip them before looking.
  const compact = trimmed.replace(/[\u0000-\u0020\u007f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (scheme && !/^(https?|mailto)$/i.test(scheme[1]!)) return null;
  return trimmed;
}

const KATEX_OPTIONS = { throwOnError: false, strict: "ignore", trust: false, output: "htmlAndMathml" } as const;

/** One formula as HTML. A formula KaTeX cannot parse is shown as its source in red (exercises:check keeps these out of content). */
export function renderMath(tex: string, display: boolean): string {
  return katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
}

// Private-use characters cannot occur in content written for people, and Markdown gives them no meaning.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const placeholderPattern = new RegExp(`${OPEN}(\\d+)${CLOSE}`, "g");

interface Formula {
  tex: string;
  display: boolean;
}

/** Ranges of fenced and inline code, where a `$` is just a dollar (the same rule as graders/exercise/katex-check.ts). */
function codeRanges(md: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const fence = /```[\s\S]*?```|`[^`\n]*`/g;
  for (let m = fence.exec(md); m; m = fence.exec(md)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

/**
 * Replaces every formula with a placeholder before Markdown sees the text, so that `_`, `*` and `\\` inside math
 * are never taken for emphasis or escapes. Delimiters follow graders/exercise/katex-check.ts, which proves the content.
 */
function extractMath(md: string): { text: string; formulas: Formula[] } {
  const formulas: Formula[] = [];
  const code = codeRanges(md);
  let out = "";
  let i = 0;
  let codeIndex = 0;
  while (i < md.length) {
    while (codeIndex < code.length && code[codeIndex]![1] <= i) codeIndex++;
    const range = code[codeIndex];
    if (range && range[0] <= i) {
      out += md.slice(i, range[1]);
      i = range[1];
      continue;
    }
    const ch = md[i];
    if (ch === "\\" && md[i + 1] === "$") {
      out += "\\$";
      i += 2;
      continue;
    }
    if (ch !== "$") {
      out += ch;
      i++;
      continue;
    }
    const display = md[i + 1] === "$";
    const delimiter = display ? "$$" : "$";
    const start = i + delimiter.length;
    let end = start;
    let closed = false;
    while (end < md.length) {
      if (md[end] === "\\") {
        end += 2;
        continue;
      }
      if (md.startsWith(delimiter, end)) {
        closed = true;
        break;
      }
      if (!display && md[end] === "\n" && md[end + 1] === "\n") break;
      end++;
    }
    if (!closed || md.slice(start, end).trim() === "") {
      // Not a formula: keep the dollar as text (escaped, so Markdown leaves it alone).
      out += "\\$";
      i++;
      continue;
    }
    formulas.push({ tex: md.slice(start, end), display });
    out += `${OPEN}${formulas.length - 1}${CLOSE}`;
    i = end + delimiter.length;
  }
  return { text: out, formulas };
}

function restoreMath(html: string, formulas: Formula[]): string {
  return html.replace(placeholderPattern, (whole, n: string) => {
    const f = formulas[Number(n)];
    return f ? renderMath(f.tex, f.display) : whole;
  });
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      const url = safeUrl(href);
      if (url === null) return inner;
      const external = /^https?:/i.test(url);
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
      const rel = external ? ` rel="noopener noreferrer"` : "";
      return `<a href="${escapeHtml(url)}"${titleAttr}${rel}>${inner}</a>`;
    },
    image({ href, title, text }: Tokens.Image): string {
      const url = safeUrl(href);
      if (url === null || /^https?:/i.test(url)) return escapeHtml(text); // nothing is fetched from elsewhere
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
      return `<img src="${escapeHtml(url)}" alt="${escapeHtml(text)}"${titleAttr} loading="lazy">`;
    },
  },
});

/** Markdown + KaTeX → HTML. */
export function renderMarkdown(md: string, options: RenderOptions = {}): string {
  const { text, formulas } = extractMath(md);
  const html = options.inline ? (marked.parseInline(text) as string) : (marked.parse(text) as string);
  return scrollersFocusable(restoreMath(html, formulas));
}

/**
 * Code blocks and display formulas scroll sideways inside their own box on a narrow screen; a keyboard user must be
 * able to focus them to scroll (WCAG 2.1.1, axe "scrollable-region-focusable").
 */
function scrollersFocusable(html: string): string {
  return html.replace(/<pre>/g, '<pre tabindex="0">').replace(/<span class="katex-display">/g, '<span class="katex-display" tabindex="0">');
}

/** Markdown + KaTeX for one line (a quiz choice, a short label): no surrounding paragraph. */
export function renderInlineMarkdown(md: string): string {
  return renderMarkdown(md, { inline: true });
}
