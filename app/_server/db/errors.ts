import type { DatabaseTarget } from "../env";

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ECONNRESET", "ENETUNREACH"]);

function errorChain(error: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let current: unknown = error;
  for (let i = 0; i < 6 && current && typeof current === "object"; i++) {
    out.push(current as Record<string, unknown>);
    const next = (current as { cause?: unknown }).cause;
    if (Array.isArray((current as { errors?: unknown }).errors)) out.push(...((current as { errors: Record<string, unknown>[] }).errors));
    current = next;
  }
  return out;
}

/**
 * One line that says what went wrong with the database and what to set, for the start-up log. Returns
 * undefined for errors that are not about reaching or opening the database.
 */
export function describeDatabaseError(error: unknown, target: DatabaseTarget): string | undefined {
  const chain = errorChain(error);
  const codes = chain.map((e) => e.code).filter((c): c is string => typeof c === "string");
  const messages = chain.map((e) => (typeof e.message === "string" ? e.message : "")).join(" | ");
  if (target.provider === "postgresql") {
    const fix = "Set DATABASE_URL to a reachable postgresql://user:password@host:port/database URL, or unset it to use the embedded SQLite database under data/.";
    const code = codes.find((c) => UNREACHABLE_CODES.has(c));
    if (code) return `Cannot reach the database at ${target.display} (${code}). ${fix}`;
    if (codes.includes("28P01") || codes.includes("28000")) return `The database at ${target.display} refused the user name or password. ${fix}`;
    if (codes.includes("3D000")) return `The database named in DATABASE_URL (${target.display}) does not exist; create it (createdb) or fix the URL.`;
    if (/connect|connection|ECONNREFUSED|getaddrinfo/i.test(messages)) return `Cannot connect to the database at ${target.display}: ${messages.split(" | ")[0]}. ${fix}`;
    return undefined;
  }
  if (codes.some((c) => c === "SQLITE_CANTOPEN" || c === "SQLITE_READONLY" || c === "EACCES" || c === "SQLITE_NOTADB")) {
    return `Cannot open the SQLite database ${target.display} (${codes.join(", ")}). Make sure the folder is writable, or set ML_DOJO_DATA_DIR to a writable folder.`;
  }
  return undefined;
}
