/**
 * The plain text box that takes keystrokes from first paint until Monaco takes over. It is server-rendered HTML
 * that React never owns (dangerouslySetInnerHTML): a controlled or defaultValue textarea would be reset by
 * hydration and lose what the learner typed before the app's JavaScript ran.
 */
export const PLAIN_BOX_ID = "code-fallback";

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function plainTextBoxHtml(o: { code: string; className: string; label: string; describedBy: string }): string {
  // The HTML parser drops one newline right after <textarea>; the leading "\n" keeps a code's own first newline.
  return `<textarea id="${PLAIN_BOX_ID}" class="${escapeHtml(o.className)}" aria-label="${escapeHtml(o.label)}" aria-describedby="${escapeHtml(o.describedBy)}" spellcheck="false" autocapitalize="off" autocomplete="off">\n${escapeHtml(o.code)}</textarea>`;
}

export function plainTextBox(): HTMLTextAreaElement | null {
  return document.getElementById(PLAIN_BOX_ID) as HTMLTextAreaElement | null;
}
