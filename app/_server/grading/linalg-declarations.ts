import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The editor's `declare module "linalg"`, generated from graders/linalg/index.ts (the module that really runs in
 * the sandbox), filtered to the helpers the exercise allows: importing anything else is a red squiggle in the
 * editor, as it is a refusal in the sandbox.
 */
interface LinalgFunction {
  name: string;
  doc: string;
  signatures: string[];
}

function parseLinalg(source: string): { types: string[]; functions: LinalgFunction[] } {
  const lines = source.split("\n");
  const types: string[] = [];
  const functions = new Map<string, LinalgFunction>();
  let doc: string[] = [];
  let inDoc = false;
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (inDoc || /^\/\*\*/.test(line)) {
      inDoc = !line.includes("*/");
      doc.push(line);
      continue;
    }
    const type = /^export type \w+ = [^;]+;$/.exec(line);
    if (type) {
      types.push(line);
      doc = [];
      continue;
    }
    const fn = /^export function (\w+)(.*)$/.exec(line);
    if (fn) {
      const name = fn[1]!;
      const entry = functions.get(name) ?? { name, doc: doc.join("\n"), signatures: [] as string[] };
      functions.set(name, entry);
      if (line.endsWith(";")) entry.signatures.push(line);
      else if (line.endsWith("{") && entry.signatures.length === 0) entry.signatures.push(`${line.slice(0, -1).trimEnd()};`);
    }
    if (line !== "") doc = [];
  }
  return { types, functions: [...functions.values()] };
}

let parsed: ReturnType<typeof parseLinalg> | undefined;

function linalgSource(): ReturnType<typeof parseLinalg> {
  parsed ??= parseLinalg(readFileSync(path.join(process.cwd(), "graders/linalg/index.ts"), "utf8"));
  return parsed;
}

export function linalgDeclarations(helpers: readonly string[], source?: string): string {
  const { types, functions } = source === undefined ? linalgSource() : parseLinalg(source);
  const body = [
    ...types,
    ...functions
      .filter((f) => helpers.includes(f.name))
      .flatMap((f) => [...(f.doc ? [f.doc] : []), ...f.signatures]),
  ];
  return `declare module "linalg" {\n${body.map((l) => l.split("\n").map((x) => `  ${x.trim().startsWith("*") ? " " : ""}${x.trim()}`).join("\n")).join("\n")}\n}\n`;
}
