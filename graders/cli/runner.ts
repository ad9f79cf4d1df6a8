import { localRunner } from "../browser/local-runner";
import type { SandboxRunner } from "../grade";
import { createGraderPool } from "../supervisor/pool";

export interface CliRunner {
  runner: SandboxRunner;
  /** What runs learner code, for the header line. */
  kind: string;
  close(): Promise<void>;
}

/**
 * The runner of the CLI commands: the supervised pool of grader child processes (isolates with time and memory
 * limits), as on the server. ML_DOJO_RUNNER=local selects the in-process development runner instead, which
 * isolates nothing and cannot stop an endless loop; it says so on stderr.
 */
export async function createCliRunner(options: { size?: number } = {}): Promise<CliRunner> {
  if (process.env.ML_DOJO_RUNNER === "local") {
    process.stderr.write("note: ML_DOJO_RUNNER=local: grading in-process (no isolation, no time limit); development only\n");
    return { runner: localRunner, kind: "local (development)", close: async () => {} };
  }
  const logs: string[] = [];
  const pool = createGraderPool({ size: options.size ?? 1, log: (line) => logs.push(line) });
  try {
    await pool.ready();
  } catch (error) {
    await pool.close();
    throw new Error(`the grader pool did not start: ${(error as Error).message}\n${logs.slice(-10).join("\n")}`);
  }
  return {
    runner: (job) => pool.runSandbox(job),
    kind: `isolated-vm sandbox (${pool.stats().size} grader process${pool.stats().size === 1 ? "" : "es"})`,
    close: () => pool.close(),
  };
}
