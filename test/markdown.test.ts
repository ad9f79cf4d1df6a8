import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { escapeHtml, renderInlineMarkdown, renderMarkdown, renderMath } from "../app/_server/markdown";

describe("renderMarkdown", () => {
  it("renders inline and display math with KaTeX and leaves the rest to Markdown", () => {
    const html = renderMarkdown("The *logits* $z_i$ and $$\\sum_{j} e^{z_j}$$\n\n## Task\n\n- item with $a_1 * b_2$");
    expect(html).toContain("<em>logits</em>");
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display" tabindex="0"');
    expect(html).toContain("<h2>Task</h2>");
    // underscores and stars inside math are not emphasis
    expect(html).not.toMatch(/<em>[^<]*b/);
    expect(html).toContain("<li>");
  });

  it("keeps dollars in code and escaped dollars literal", () => {
    const html = renderMarkdown("Costs \\$5, and `a $b$ c` is code.\n\n```ts\nconst s = `$x$`;\n```");
    expect(html).toContain("Costs $5");
    expect(html).toContain("<code>a $b$ c</code>");
    expect(html).not.toContain("katex");
  });

  it("shows raw HTML as text and drops unsafe link schemes", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](java\tscript:alert(1)) [ok](https://example.org "t") <img src=x onerror=alert(1)>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toMatch(/href="\s*java/i);
    expect(html).toContain('<a href="https://example.org" title="t" rel="noopener noreferrer">ok</a>');
  });

  it("refuses KaTeX commands that could inject links", () => {
    const html = renderMath("\\href{javascript:alert(1)}{x}", false);
    expect(html).not.toMatch(/<a\b|href=/);
    expect(html).toContain("katex");
  });

  it("renders one line without a paragraph", () => {
    const html = renderInlineMarkdown("$O(n^2 d)$ **time**");
    expect(html.startsWith("<p>")).toBe(false);
    expect(html).toContain("<strong>time</strong>");
    expect(html).toContain("katex");
  });

  it("renders a real statement in both languages without KaTeX errors", () => {
    for (const lang of ["en", "ja"]) {
      const md = readFileSync(new URL(`../exercises/softmax/softmax/statement.${lang}.md`, import.meta.url), "utf8");
      const html = renderMarkdown(md);
      expect(html).toContain("katex-display");
      expect(html).not.toContain("katex-error");
      expect(html).toContain('<pre tabindex="0"><code');
    }
  });

  it("escapes text for attributes", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
