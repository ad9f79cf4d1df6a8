/**
 * npm start (production) and npm run dev: prepares everything a fresh machine needs, with no .env editing, then
 * serves the app and prints its URL:
 *   validate the environment → keep a generated NEXTAUTH_SECRET under data/ → generate the Prisma clients if
 *   missing → apply migrations → sync exercises/ → create the demo accounts on first start → next build (when the
 *   sources changed) → next start.
 */
import "./lib/require-pinned-node";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { boot } from "../app/_server/boot";
import { describeSync } from "../app/_server/content-sync";
import { describeDatabaseError } from "../app/_server/db/errors";
import { PROJECT_ROOT } from "../app/_server/db/schemas";
import { authSecret, ConfigError, dataDir, databaseTarget, publicUrlWarning, readEnv } from "../app/_server/env";
import { clientsGenerated, generateClients } from "./lib/prisma-cli";

const dev = process.argv.includes("--dev");
process.env.NEXT_TELEMETRY_DISABLED = "1";

function fail(line: string): never {
  console.error(`ml-dojo: ${line}`);
  process.exit(1);
}

async function prepare(): Promise<{ url: string; port: number }> {
  let env;
  try {
    env = readEnv();
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
    throw error;
  }
  const port = env.PORT ?? 3000;
  const url = env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  process.env.NEXTAUTH_SECRET = authSecret(env);
  process.env.NEXTAUTH_URL = url;

  if (!clientsGenerated()) {
    console.log("ml-dojo: generating the Prisma clients…");
    await generateClients();
  }
  const target = databaseTarget(env);
  console.log(`ml-dojo: database ${target.display}`);
  let report;
  try {
    report = await boot(target);
  } catch (error) {
    const line = describeDatabaseError(error, target);
    if (line) fail(line);
    if (error instanceof Error && error.name === "MigrationError") fail(error.message);
    throw error;
  }
  const { migrations, sync, demoAccounts } = report;
  console.log(`ml-dojo: migrations ${migrations.applied.length} applied, ${migrations.alreadyApplied} already in place`);
  console.log(`ml-dojo: content ${describeSync(sync)}`);
  for (const p of sync.problems) console.warn(`ml-dojo: content problem in exercises/${p.where}: ${p.message}`);
  if (demoAccounts.length > 0) {
    const file = path.join(dataDir(env), "demo-accounts.txt");
    const lines = demoAccounts.map((a) => `${a.role.toLowerCase().padEnd(10)} ${a.email}  password: ${a.password}`);
    // On PostgreSQL nothing else has created the data folder yet.
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
    console.log("ml-dojo: demo accounts created (also saved in data/demo-accounts.txt):");
    for (const line of lines) console.log(`  ${line}`);
  } else if (existsSync(path.join(dataDir(env), "demo-accounts.txt"))) {
    console.log("ml-dojo: demo accounts: see data/demo-accounts.txt");
  }
  console.log(`ml-dojo: public URL ${url}${env.NEXTAUTH_URL ? "" : " (NEXTAUTH_URL unset)"}`);
  const warning = publicUrlWarning(env.NEXTAUTH_URL, env.HOST, port);
  if (warning) console.warn(`ml-dojo: warning: ${warning}`);
  return { url, port };
}

/** A fingerprint of everything the production build depends on, so `npm start` rebuilds only after a change. */
function sourceFingerprint(): string {
  const h = createHash("sha256");
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(full);
      } else {
        const s = statSync(full);
        h.update(`${path.relative(PROJECT_ROOT, full)}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  for (const dir of ["app", "graders"]) walk(path.join(PROJECT_ROOT, dir));
  for (const file of ["next.config.ts", "package-lock.json", "tsconfig.json"]) {
    const full = path.join(PROJECT_ROOT, file);
    if (existsSync(full)) h.update(`${file}:${readFileSync(full)}`);
  }
  return h.digest("hex");
}

function nextBin(): string {
  return path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
}

function runNext(args: string[], quiet = false): ChildProcess {
  return spawn(process.execPath, [nextBin(), ...args], {
    cwd: PROJECT_ROOT,
    // peer-address.cjs hands the socket's address to the sign-in limits (app/_server/client-address.ts).
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(path.join(PROJECT_ROOT, "scripts/peer-address.cjs"))}`.trim() },
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
  });
}

/**
 * Two starts in one folder at once (parallel tests, an impatient double start) must not build into .next together: the
 * second waits for the first and then finds the build up to date. A lock whose process is gone (Ctrl-C, crash) is
 * taken over.
 */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(PROJECT_ROOT, ".next-build.lock");
  const holderAlive = (): boolean => {
    try {
      process.kill(Number(readFileSync(path.join(lock, "pid"), "utf8")), 0);
      return true;
    } catch (error) {
      // EPERM: alive but another user's; anything else (ESRCH, no pid file yet) counts as gone only if old.
      return (error as NodeJS.ErrnoException).code === "EPERM";
    }
  };
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if ((age > 5_000 && !holderAlive()) || age > 20 * 60 * 1000) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function buildIfNeeded(): Promise<void> {
  await withBuildLock(build);
}

async function build(): Promise<void> {
  const stamp = path.join(PROJECT_ROOT, ".next", "ml-dojo-fingerprint");
  const fingerprint = sourceFingerprint();
  if (existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) return;
  console.log("ml-dojo: building the app for production (a few minutes on the first start)…");
  const started = Date.now();
  const child = runNext(["build"], true);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) {
    console.error(output);
    fail("next build failed (output above).");
  }
  writeFileSync(stamp, fingerprint);
  console.log(`ml-dojo: built in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** A server bound to one address (HOST=127.0.0.2, a LAN address) answers only there. */
const probeHost = !process.env.HOST || ["0.0.0.0", "::"].includes(process.env.HOST) ? "127.0.0.1" : process.env.HOST.includes(":") ? `[${process.env.HOST}]` : process.env.HOST;

async function waitUntilAnswering(port: number, child: ChildProcess): Promise<boolean> {
  let exited = false;
  child.once("exit", () => (exited = true));
  for (let i = 0; i < 600 && !exited; i++) {
    try {
      const res = await fetch(`http://${probeHost}:${port}/api/health`);
      // 503 with a body is an answer too: the server is up, and the grading queue may still be catching up after a
      // crash (the health route also starts this instance's graders).
      if (res.ok || res.status === 503) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const { url, port } = await prepare();
if (!dev) await buildIfNeeded();
const host = process.env.HOST;
const server = runNext([dev ? "dev" : "start", "-p", String(port), ...(host ? ["-H", host] : [])]);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => process.exit(code ?? 0));
if (await waitUntilAnswering(port, server)) {
  console.log(`\nml-dojo is running at ${url}\n`);
} else if (server.exitCode !== null) {
  fail(`the server stopped before answering. If port ${port} is in use, start with another port: PORT=3001 npm start`);
}
