import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * One production app at a time per checkout: `next build` rewrites .next/, which would break a server another
 * test file (or another engineer's run in the same tree) is serving from it. The lock is held from the build
 * until the server stops, across processes; a lock left by a dead process is taken over.
 */
export interface HeldLock {
  release(): void;
}

function lockDir(projectRoot: string): string {
  const key = createHash("sha256").update(path.resolve(projectRoot)).digest("hex").slice(0, 16);
  return path.join(tmpdir(), `ml-dojo-browser-${key}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryTake(dir: string): boolean {
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    let owner = NaN;
    try {
      owner = Number(readFileSync(path.join(dir, "pid"), "utf8"));
    } catch {
      // The owner is between mkdir and writing its pid, or died there: held unless that was long ago.
      let age = 0;
      try {
        age = Date.now() - statSync(dir).mtimeMs;
      } catch {
        return tryTake(dir); // released meanwhile
      }
      if (age < 30_000) return false;
    }
    if (Number.isFinite(owner) && !alive(owner)) {
      rmSync(dir, { recursive: true, force: true });
      return tryTake(dir);
    }
    return false;
  }
  writeFileSync(path.join(dir, "pid"), String(process.pid));
  return true;
}

/** Waits (polling the lock, up to `timeoutMs`) until this process holds the app lock of `projectRoot`. */
export async function acquireAppLock(projectRoot: string, timeoutMs: number, onWait?: (owner: string) => void): Promise<HeldLock> {
  const dir = lockDir(projectRoot);
  const deadline = Date.now() + timeoutMs;
  let told = false;
  while (!tryTake(dir)) {
    if (Date.now() > deadline) throw new Error(`Another browser test run has held ${dir} for too long; if no test is running, delete that folder.`);
    if (!told) {
      told = true;
      let owner = "?";
      try {
        owner = readFileSync(path.join(dir, "pid"), "utf8");
      } catch {
        // no pid yet
      }
      onWait?.(owner);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", release);
  return { release };
}
