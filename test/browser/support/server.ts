import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { acquireAppLock, type HeldLock } from "./lock";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const ARTIFACTS = path.join(PROJECT_ROOT, "test-artifacts", "browser");

/** Enough for a first `next build` on a busy 2-core machine, plus waiting for another run to finish. */
export const APP_START_TIMEOUT_MS = 20 * 60 * 1000;

export interface RunningApp {
  /** http://<host>:<port> (127.0.0.1 unless startApp was told otherwise), by default also its NEXTAUTH_URL. */
  url: string;
  /** The fresh data directory: ml-dojo.db (SQLite), nextauth-secret, demo-accounts.txt. */
  dataDir: string;
  /** The demo accounts created at first start (role, email, password). */
  demoAccounts: Array<{ role: string; email: string; password: string }>;
  /** The process started (scripts/start.ts), root of the server's process tree (next start, grader children). */
  pid: number;
  /** Everything the server printed so far. */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The environment of `npm start`, without what vitest adds (NODE_ENV=test would make Next build a test bundle). */
function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k === "NODE_ENV" || k.startsWith("VITEST") || k === "DATABASE_URL" || k === "NEXTAUTH_SECRET" || k === "NEXTAUTH_URL" || k.startsWith("ML_DOJO_")) continue;
    env[k] = v;
  }
  return { ...env, NEXT_TELEMETRY_DISABLED: "1", ...extra } as unknown as NodeJS.ProcessEnv;
}

function readDemoAccounts(dataDir: string): RunningApp["demoAccounts"] {
  try {
    return readFileSync(path.join(dataDir, "demo-accounts.txt"), "utf8")
      .split("\n")
      .map((line) => /^(\S+)\s+(\S+)\s+password: (\S+)/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ role: m[1]!.toUpperCase(), email: m[2]!, password: m[3]! }));
  } catch {
    return [];
  }
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // The group is ours: start.ts and the `next start` it spawned (detached: true made the child its leader).
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts ml-dojo as in production, exactly as `npm start` does (scripts/start.ts: migrations, content sync, demo
 * accounts, `next build` when the sources changed, `next start`), on a free loopback port with a fresh SQLite data
 * directory. Call it in `beforeAll(..., APP_START_TIMEOUT_MS)` and `await app.stop()` in `afterAll`.
 */
export interface StartOptions {
  /** The address to listen on (HOST); 127.0.0.1 by default. */
  host?: string;
  /** NEXTAUTH_URL; by default the app's own URL, `null` to leave it unset as a fresh `npm start` does. */
  publicUrl?: string | null;
  /** More environment (e.g. ML_DOJO_SIGNUP). */
  env?: Record<string, string>;
}

export async function startApp(name: string, options: StartOptions = {}): Promise<RunningApp> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const logFile = path.join(ARTIFACTS, `${name}.server.log`);
  let output = "";
  const note = (line: string) => {
    output += line;
    writeFileSync(logFile, output);
  };
  const lock: HeldLock = await acquireAppLock(PROJECT_ROOT, APP_START_TIMEOUT_MS / 2, (owner) =>
    note(`waiting for the browser-test app lock held by pid ${owner}\n`),
  );
  const dataDir = mkdtempSync(path.join(tmpdir(), "ml-dojo-browser-data-"));
  let child: ChildProcess | undefined;
  try {
    const port = await freePort();
    const host = options.host ?? "127.0.0.1";
    const url = `http://${host}:${port}`;
    const publicUrl: Record<string, string> = options.publicUrl === undefined ? { NEXTAUTH_URL: url } : options.publicUrl === null ? {} : { NEXTAUTH_URL: options.publicUrl };
    child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: PROJECT_ROOT,
      env: serverEnv({ PORT: String(port), HOST: host, ...publicUrl, ML_DOJO_DATA_DIR: dataDir, ...options.env }),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const started = child;
    started.stdout?.on("data", (d: Buffer) => note(d.toString()));
    started.stderr?.on("data", (d: Buffer) => note(d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`ml-dojo did not answer within ${APP_START_TIMEOUT_MS / 1000} s; log: ${logFile}`)), APP_START_TIMEOUT_MS);
      const onData = () => {
        if (output.includes("ml-dojo is running at")) {
          clearTimeout(timer);
          resolve();
        }
      };
      started.stdout?.on("data", onData);
      started.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`ml-dojo stopped while starting (exit ${code}). Last output:\n${output.slice(-4000)}`));
      });
    });
    const running = child;
    return {
      url,
      dataDir,
      pid: running.pid!,
      demoAccounts: readDemoAccounts(dataDir),
      log: () => output,
      async stop() {
        await stopProcessGroup(running);
        lock.release();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child) await stopProcessGroup(child);
    lock.release();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
