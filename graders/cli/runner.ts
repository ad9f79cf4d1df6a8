import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { localRunner } from "../browser/local-runner";
import type { SandboxRunner } from "../grade";

export interface CliRunner {
  runner: SandboxRunner;
  /** What runs learner code, for the header line. */
  kind: string;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The runner of the CLI commands: the supervised isolate pool when it exists; otherwise the in-process local
 * runner, announced on stderr because it isolates nothing and cannot stop an endless loop (development only).
 */
export async function createCliRunner(): Promise<CliRunner> {
  const supervisorEntry = path.join(here, "../supervisor/index.ts");
  if (process.env.ML_DOJO_RUNNER !== "local" && existsSync(supervisorEntry)) {
    // Typed loosely on purpose: the supervisor is built in parallel; its shape is checked at run time.
    const sup = (await import(supervisorEntry)) as Record<string, unknown>;
    if (typeof sup.createCliSandboxRunner === "function") {
      return (await (sup.createCliSandboxRunner as () => Promise<CliRunner>)());
    }
  }
  process.stderr.write("note: grading with the in-process development runner (no isolation, no time limit)\n");
  return { runner: localRunner, kind: "local (development)", close: async () => {} };
}
