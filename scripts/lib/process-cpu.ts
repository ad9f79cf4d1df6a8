/**
 * CPU time of a process tree, read from /proc (Linux): a figure that does not depend on how busy the machine is,
 * unlike latency. The tree is the root and every descendant (by parent pid), not the process group, because the
 * grader children run under bubblewrap, which starts a new session.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

interface ProcStat {
  pid: number;
  ppid: number;
  /** The command name (15 characters at most): "next-server (v…" for the web server. */
  comm: string;
  /** utime + stime of the process, plus cutime + cstime of its reaped children, in ticks. */
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: the fields after it start at the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const n = (i: number) => Number(fields[i - 3]);
    return { pid, ppid: n(4), comm: text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")), ticks: n(14) + n(15) + n(16) + n(17) };
  } catch {
    return null; // gone between readdir and read
  }
}

/** CPU seconds of a server's process tree: in all, the web server (next-server) alone, and its children (graders). */
export interface TreeCpu {
  total: number;
  web: number;
  graders: number;
}

/** CPU seconds used so far by `root` and its descendants (the live ones, and the exited ones they reaped). */
export function treeCpu(root: number): TreeCpu {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const sum = { total: 0, web: 0, graders: 0 };
  const rootStat = all.find((s) => s.pid === root);
  const stack: { s: ProcStat; underWeb: boolean }[] = rootStat ? [{ s: rootStat, underWeb: false }] : [];
  while (stack.length > 0) {
    const { s, underWeb } = stack.pop()!;
    const isWeb = !underWeb && s.comm.startsWith("next-server");
    // The web server's own ticks include its reaped children; a grader child that exited counts as web here.
    sum.total += s.ticks;
    if (isWeb) sum.web += s.ticks;
    else if (underWeb) sum.graders += s.ticks;
    for (const c of children.get(s.pid) ?? []) stack.push({ s: c, underWeb: underWeb || isWeb });
  }
  return { total: sum.total / TICKS_PER_SECOND, web: sum.web / TICKS_PER_SECOND, graders: sum.graders / TICKS_PER_SECOND };
}

/** CPU seconds used so far by `root` and its descendants. */
export function treeCpuSeconds(root: number): number {
  return treeCpu(root).total;
}

/** CPU seconds of this process (user + system), including its worker threads. */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
