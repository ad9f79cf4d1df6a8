import type { SourcePosition } from "../verdict";

/**
 * Sucrase's parse errors ("Error transforming solution.ts: Unexpected token, expected "," (2:20)") rephrased the way
 * TypeScript, and so the editor (Monaco), words them: "')' expected.", "Expression expected.", "Unterminated string
 * literal.", with the line and column. Sucrase stops at the first error and knows less than TypeScript's parser, so
 * the brackets left open before the error decide which closing token was missing. Browser-safe: no Node imports.
 */
const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** The innermost bracket still open at `pos`, skipping strings, template literals and comments. */
function openBracket(source: string, pos: number): string | undefined {
  const stack: string[] = [];
  for (let i = 0; i < pos && i < source.length; i++) {
    const c = source[i]!;
    if (c === "/" && source[i + 1] === "/") {
      while (i < pos && source[i] !== "\n") i++;
    } else if (c === "/" && source[i + 1] === "*") {
      i = source.indexOf("*/", i + 2);
      if (i < 0) return stack[stack.length - 1];
      i++;
    } else if (c === '"' || c === "'" || c === "`") {
      for (i++; i < pos && source[i] !== c; i++) if (source[i] === "\\") i++;
    } else if (c in CLOSERS) stack.push(c);
    else if (c === ")" || c === "]" || c === "}") stack.pop();
  }
  return stack[stack.length - 1];
}

export function syntaxMessage(raw: string, source: string, pos: number | undefined, position: SourcePosition | undefined): string {
  const bare = raw.replace(/^Error transforming [^:]*:\s*/, "").replace(/\s*\(\d+:\d+\)$/, "");
  const at = pos ?? source.length;
  const rest = source.slice(at);
  let phrased: string;
  const expected = /^Unexpected token, expected "(.+)"$/.exec(bare);
  if (/^=>\s*[)\]};,]/.test(rest) || (/^Unexpected token$/.test(bare) && /^[)\]};,]/.test(rest))) phrased = "Expression expected.";
  else if (/^Unterminated string constant$/.test(bare)) phrased = "Unterminated string literal.";
  else if (/^Unterminated template$/.test(bare)) phrased = "Unterminated template literal.";
  else if (expected || /^Unexpected token$/.test(bare)) {
    const open = openBracket(source, at);
    const want = expected?.[1];
    if (open && (want === "," || want === ";" || want === undefined) && (rest.trim() === "" || /^[;)\]}\n]/.test(rest) || want === ",")) phrased = `'${CLOSERS[open]}' expected.`;
    else if (want) phrased = `'${want}' expected.`;
    else if (rest.trim() === "") phrased = "Unexpected end of file.";
    else phrased = `Unexpected token '${rest.trim()[0]}'.`;
  } else phrased = bare.endsWith(".") ? bare : `${bare}.`;
  // For "(x) => )" sucrase stops at the arrow; TypeScript points at the token where the expression is missing.
  const arrow = /^=>(\s*)[)\]};,]/.exec(rest);
  const shift = arrow && !arrow[1]!.includes("\n") ? 2 + arrow[1]!.length : 0;
  const column = position?.column !== undefined ? position.column + shift : undefined;
  const where = position ? ` at line ${position.line}${column ? `, column ${column}` : ""}` : "";
  return `Syntax error${where}: ${phrased}`;
}
