import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT, schemaPath, type Provider } from "../../app/_server/db/schemas";

const run = promisify(execFile);
const PRISMA_BIN = path.join(PROJECT_ROOT, "node_modules/prisma/build/index.js");

/** Runs the project's Prisma CLI (JS schema engine, no network) and returns its stdout. */
export async function prisma(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [PRISMA_BIN, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`prisma ${args.join(" ")} failed:\n${e.stderr || e.stdout || e.message}`);
  }
}

/** SQL that takes a database from `from` (a schema file, or empty) to the current schema of `provider`. */
export async function migrationSql(provider: Provider, from: string | "empty" = "empty"): Promise<string> {
  const fromArgs = from === "empty" ? ["--from-empty"] : ["--from-schema-datamodel", from];
  // A diff of two schemas needs no database, but the JS schema engine connects anyway: give it a throwaway one.
  return prisma(["migrate", "diff", ...fromArgs, "--to-schema-datamodel", schemaPath(provider), "--script"], { PRISMA_SQLITE_FILE: ":memory:" });
}

export async function generateClients(): Promise<void> {
  for (const provider of ["sqlite", "postgresql"] as const) {
    await prisma(["generate", "--schema", schemaPath(provider)]);
  }
}

export function clientsGenerated(): boolean {
  return ["sqlite", "postgresql"].every((p) => existsSync(path.join(PROJECT_ROOT, "app/_generated", p, "client.ts")));
}
