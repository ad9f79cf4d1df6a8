/** Processes of the grading benchmarks: `npm start` and `npm run grader`, each in its own process group. */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

export interface AppProcess {
  child: ChildProcess;
  /** Resolves once the process printed `ready` (start.ts: "ml-dojo is running at"). */
  running: Promise<void>;
  output(): string;
}

/** script: scripts/start.ts or scripts/grader.ts; detached, so that killGroup reaches its children too. */
export function startProcess(script: string, env: Record<string, string>, ready: string): AppProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  const running = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes(ready)) resolve();
    });
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code, signal) => reject(new Error(`${script} stopped (${code ?? signal}):\n${out.slice(-3000)}`)));
  });
  running.catch(() => {});
  return { child, running, output: () => out };
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // gone already
  }
}
