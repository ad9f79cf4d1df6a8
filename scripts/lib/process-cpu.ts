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
  /** utime + stime of the process, plus cutime + cstime of its reaped children, in ticks. */
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: the fields after it start at the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const n = (i: number) => Number(fields[i - 3]);
    return { pid, ppid: n(4), ticks: n(14) + n(15) + n(16) + n(17) };
  } catch {
    return null; // gone between readdir and read
  }
}

/** CPU seconds used so far by `root` and its descendants (the live ones, and the exited ones they reaped). */
export function treeCpuSeconds(root: number): number {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const rootStat = all.find((s) => s.pid === root);
  const stack = rootStat ? [rootStat] : [];
  while (stack.length > 0) {
    const s = stack.pop()!;
    ticks += s.ticks;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
}

/** CPU seconds of this process (user + system), including its worker threads. */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
