import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build, type Metafile } from "esbuild";

/**
 * Bundles the grader child (graders/worker/main.ts) into one CommonJS file under .cache/, with the guest script
 * (linalg + guest runtime, an IIFE) injected as a constant. The child runs under Node's permission model, which
 * cannot run TypeScript loaders or spawn esbuild, so the parent does this once, and again only when a source changed.
 * isolated-vm (a native addon) and sucrase stay external: they load from the app's node_modules.
 */
export interface WorkerBundle {
  file: string;
  /** Milliseconds spent building; 0 when the cached bundle was fresh. */
  buildMs: number;
}

interface Stamp {
  inputs: Record<string, number>;
}

const ENTRY = "graders/worker/main.ts";
const GUEST_ENTRY = "graders/sandbox/guest/entry.ts";

function stampOf(appDir: string, metas: Metafile[]): Stamp {
  const inputs: Record<string, number> = {};
  for (const meta of metas) {
    for (const rel of Object.keys(meta.inputs)) {
      const abs = path.resolve(appDir, rel);
      try {
        inputs[rel] = statSync(abs).mtimeMs;
      } catch {
        inputs[rel] = -1;
      }
    }
  }
  return { inputs };
}

function isFresh(appDir: string, file: string, stampFile: string): boolean {
  if (!existsSync(file) || !existsSync(stampFile)) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, "utf8")) as Stamp;
    for (const [rel, mtime] of Object.entries(stamp.inputs)) {
      if (statSync(path.resolve(appDir, rel)).mtimeMs !== mtime) return false;
    }
    return Object.keys(stamp.inputs).length > 0;
  } catch {
    return false;
  }
}

/** Written beside the target and renamed over it, so that concurrent builders never expose half a file. */
function writeAtomically(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

async function buildGuest(appDir: string): Promise<{ code: string; metafile: Metafile }> {
  const out = await build({
    absWorkingDir: appDir,
    entryPoints: [GUEST_ENTRY],
    bundle: true,
    format: "iife",
    platform: "neutral",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    tsconfig: path.join(appDir, "tsconfig.json"),
  });
  const code = out.outputFiles[0]?.text;
  if (!code) throw new Error("esbuild produced no guest script");
  return { code, metafile: out.metafile };
}

async function buildWorker(appDir: string, guest: string): Promise<{ code: string; metafile: Metafile }> {
  const out = await build({
    absWorkingDir: appDir,
    entryPoints: [ENTRY],
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node24",
    write: false,
    metafile: true,
    logLevel: "silent",
    external: ["isolated-vm", "sucrase"],
    define: { __ML_DOJO_GUEST_SCRIPT__: JSON.stringify(guest) },
    tsconfig: path.join(appDir, "tsconfig.json"),
  });
  const code = out.outputFiles[0]?.text;
  if (!code) throw new Error("esbuild produced no worker bundle");
  return { code, metafile: out.metafile };
}

const inFlight = new Map<string, Promise<WorkerBundle>>();

/** The path of an up-to-date worker bundle for the app in `appDir`, building it when missing or stale. */
export function ensureWorkerBundle(appDir: string): Promise<WorkerBundle> {
  const dir = path.resolve(appDir);
  const pending = inFlight.get(dir);
  if (pending) return pending;
  const p = (async (): Promise<WorkerBundle> => {
    const cacheDir = path.join(dir, ".cache");
    const file = path.join(cacheDir, "grader-worker.cjs");
    const stampFile = path.join(cacheDir, "grader-worker.stamp.json");
    if (isFresh(dir, file, stampFile)) return { file, buildMs: 0 };
    const t0 = performance.now();
    const guest = await buildGuest(dir);
    const worker = await buildWorker(dir, guest.code);
    mkdirSync(cacheDir, { recursive: true });
    writeAtomically(file, worker.code);
    writeAtomically(stampFile, JSON.stringify(stampOf(dir, [guest.metafile, worker.metafile])));
    return { file, buildMs: performance.now() - t0 };
  })();
  inFlight.set(dir, p);
  // A later call re-checks freshness (sources may change while the server runs, e.g. in development).
  void p.finally(() => inFlight.delete(dir)).catch(() => undefined);
  return p;
}
