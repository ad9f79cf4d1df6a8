import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";

/**
 * The OS sandbox around each grader child (bubblewrap): its own network namespace (no network at all), an
 * unprivileged uid, and a filesystem that holds only the system's libraries, the node binary, the worker bundle, the
 * grader sources it reads content helpers from, the exercises and node_modules, all read-only. No data/ directory,
 * no secret, no database file exists inside, so one isolated-vm escape finds nothing worth having.
 *
 * Where bubblewrap cannot start (not installed, no user namespaces), the pool runs children without it and says so
 * in one warning line; ML_DOJO_OS_SANDBOX=require makes that a start-up failure instead, =off skips it.
 */
export type OsSandboxMode = "auto" | "require" | "off";

export interface OsSandboxPlan {
  /** The command that starts a child: bwrap, or node itself when there is no OS sandbox. */
  command: string;
  /** Arguments placed before node's own (the bwrap options and the node binary). */
  prefix: string[];
  /** Unprivileged ids the command is started as (when this process is root). */
  uid?: number;
  gid?: number;
  /** Set when the OS sandbox is in use. */
  sandboxed: boolean;
  /** Why there is no OS sandbox, when there is none. */
  warning?: string;
}

/** nobody:nogroup on Debian; the uid a root server drops to for its grader children. */
export const UNPRIVILEGED_ID = 65534;

const BWRAP_CANDIDATES = ["/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap"];
const SYSTEM_DIRS = ["/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin"];
const SYSTEM_FILES = ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/localtime", "/etc/nsswitch.conf"];

export interface OsSandboxInput {
  appDir: string;
  exercisesDir: string;
  bundleFile: string;
  mode?: OsSandboxMode;
  /** Where bwrap is; the usual places by default (tests point it at a missing file to see the fallback). */
  bwrapPath?: string;
}

export function osSandboxMode(): OsSandboxMode {
  const v = process.env.ML_DOJO_OS_SANDBOX;
  return v === "off" || v === "require" ? v : "auto";
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** The bwrap options for one child; every path is bound at its own absolute path, so module resolution is unchanged. */
export function bwrapArgs(input: OsSandboxInput): string[] {
  const appDir = path.resolve(input.appDir);
  // No --new-session: a session of its own puts the child in its own scheduler autogroup, away from the server it
  // answers. The terminal (TIOCSTI) is out of reach anyway: there is no /dev/tty inside and no inherited tty fd.
  const args = ["--die-with-parent", "--unshare-all", "--cap-drop", "ALL"];
  for (const d of SYSTEM_DIRS) args.push("--ro-bind-try", d, d);
  for (const f of SYSTEM_FILES) args.push("--ro-bind-try", f, f);
  args.push("--proc", "/proc", "--tmpfs", "/dev");
  for (const d of ["/dev/null", "/dev/zero", "/dev/random", "/dev/urandom"]) args.push("--dev-bind", d, d);
  args.push("--tmpfs", "/tmp");
  const execDir = path.dirname(real(process.execPath));
  const reads = new Set<string>([
    execDir,
    path.join(appDir, "node_modules"),
    // The exercises' cases.ts import the authoring kit (graders/content) from source, read at run time.
    path.join(appDir, "graders"),
    path.resolve(input.exercisesDir),
    path.resolve(input.bundleFile),
  ]);
  for (const r of reads) {
    if (SYSTEM_DIRS.some((d) => r === d || r.startsWith(d + "/"))) continue;
    args.push("--ro-bind", r, r);
    const resolved = real(r);
    // node_modules/.bin and symlinked installs: the target must be inside too.
    if (resolved !== r) args.push("--ro-bind", resolved, resolved);
  }
  args.push("--chdir", appDir);
  return args;
}

function findBwrap(): string | undefined {
  return BWRAP_CANDIDATES.find((c) => existsSync(c));
}

type Probe = { ok: true } | { ok: false; why: string };
const probed = new Map<string, Probe>();

/**
 * Whether bwrap can start node here with these options (user and network namespaces) and the child can read what
 * it needs as the given uid (a 0700 directory owned by root is unreadable to nobody). Checked once per setup.
 */
function probe(bwrap: string, args: string[], ids: { uid?: number; gid?: number }, reads: string[]): Probe {
  const key = JSON.stringify([bwrap, args, ids, reads]);
  const hit = probed.get(key);
  if (hit) return hit;
  const check = `const fs = require("fs"); for (const p of ${JSON.stringify(reads)}) { try { fs.accessSync(p, fs.constants.R_OK); if (fs.statSync(p).isDirectory()) fs.readdirSync(p); } catch { console.error("cannot read " + p); process.exit(3); } }`;
  // An empty environment, as the children get a minimal one: the web server's NODE_OPTIONS preload a file from
  // scripts/, which the sandbox does not show, and made every probe fail (graders ran unsandboxed under npm start).
  // (The cast: Next's types want NODE_ENV in every ProcessEnv.)
  const r = spawnSync(bwrap, [...args, process.execPath, "-e", check], { ...ids, env: {} as unknown as NodeJS.ProcessEnv, timeout: 10_000, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const result: Probe = r.status === 0 ? { ok: true } : { ok: false, why: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split("\n")[0]!.slice(0, 200) };
  probed.set(key, result);
  return result;
}

/** How grader children are started in this process: inside bubblewrap when it works here, else plain node. */
export function planOsSandbox(input: OsSandboxInput): OsSandboxPlan {
  const mode = input.mode ?? osSandboxMode();
  const plain: OsSandboxPlan = { command: process.execPath, prefix: [], sandboxed: false };
  if (mode === "off") return plain;
  const root = process.getuid?.() === 0;
  const ids = root ? { uid: UNPRIVILEGED_ID, gid: UNPRIVILEGED_ID } : {};
  const bwrap = input.bwrapPath !== undefined ? (existsSync(input.bwrapPath) ? input.bwrapPath : undefined) : findBwrap();
  const args = bwrapArgs(input);
  const reads = [input.bundleFile, input.exercisesDir, path.join(input.appDir, "node_modules", "isolated-vm", "package.json"), path.join(input.appDir, "graders", "content")];
  const result: Probe = bwrap ? probe(bwrap, args, ids, reads) : { ok: false, why: "bubblewrap (bwrap) is not installed" };
  if (bwrap && !result.ok && root) {
    // The namespaces work but nobody cannot read the app (e.g. a 0700 directory): keep the namespaces, as root.
    const asRoot = probe(bwrap, args, {}, reads);
    if (asRoot.ok) {
      return {
        command: bwrap,
        prefix: [...args, process.execPath],
        sandboxed: true,
        warning:
          `warning: grader processes run as root inside the OS sandbox, because uid ${UNPRIVILEGED_ID} cannot read the app (${result.why}); ` +
          "make the app and content directories readable by others (chmod o+rX) to drop privileges.",
      };
    }
  }
  if (!bwrap || !result.ok) {
    const why = result.ok ? "" : result.why;
    if (mode === "require") throw new Error(`the OS sandbox for grader processes cannot start: ${why}`);
    return {
      ...plain,
      warning:
        `warning: grader processes run WITHOUT the OS sandbox (${why}); they can reach the network and read the app ` +
        "directory. Install bubblewrap and enable unprivileged user namespaces (see graders/sandbox/README.md).",
    };
  }
  return { command: bwrap, prefix: [...args, process.execPath], ...ids, sandboxed: true };
}

/** The node process a child pid stands for: itself, or under bwrap its deepest descendant (bwrap forks twice). */
export function graderProcessOf(pid: number): number {
  let current = pid;
  for (let depth = 0; depth < 4; depth++) {
    let children: number[];
    try {
      children = readFileSync(`/proc/${current}/task/${current}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return current;
    }
    if (children.length === 0) return current;
    current = children[0]!;
  }
  return current;
}

/** Resident memory of a process in MB (what the kernel charges it), or undefined once it is gone. */
export function residentMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
