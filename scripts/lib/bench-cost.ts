/**
 * Load-independent figures for the grading benchmarks (the machine is shared, so latencies alone say little):
 * CPU seconds of a process group (the server: web and graders) and of a PostgreSQL server (postmaster and its
 * backends), read from /proc, and database statements and transactions, read from PostgreSQL's statistics.
 */
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";

const TICKS = 100; // USER_HZ on Linux

interface Stat {
  pid: number;
  comm: string;
  ppid: number;
  pgrp: number;
  /** utime + stime + cutime + cstime (children already reaped count in their parent), in seconds. */
  cpu: number;
}

function readStats(): Stat[] {
  const stats: Stat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const raw = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name may hold spaces and parentheses: fields start after its last ')'.
      const f = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
      const n = (i: number) => Number(f[i]);
      stats.push({ pid: Number(name), comm: raw.slice(raw.indexOf("(") + 1, raw.lastIndexOf(")")), ppid: n(1), pgrp: n(2), cpu: (n(11) + n(12) + n(13) + n(14)) / TICKS });
    } catch {
      // exited meanwhile
    }
  }
  return stats;
}

/** CPU seconds used so far by every live process of a process group (and the children they reaped). */
export function groupCpuSeconds(pgrp: number): number {
  return readStats()
    .filter((s) => s.pgrp === pgrp)
    .reduce((a, s) => a + s.cpu, 0);
}

/** The same, split by process name (next-server, the grader children's MainThread under bwrap, …). */
export function groupCpuByName(pgrp: number): Map<string, number> {
  const by = new Map<string, number>();
  for (const s of readStats()) if (s.pgrp === pgrp) by.set(s.comm, (by.get(s.comm) ?? 0) + s.cpu);
  return by;
}

/** CPU seconds of a PostgreSQL server: its postmaster (incl. reaped backends) and its live backends. */
export function postgresCpuSeconds(dataDir: string): number {
  const postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
  return readStats()
    .filter((s) => s.pid === postmaster || s.ppid === postmaster)
    .reduce((a, s) => a + s.cpu, 0);
}

/** The process group of the process listening on a TCP port of this machine (for `--url` benchmarks). */
export function pgrpOfPid(pid: number): number {
  return readStats().find((s) => s.pid === pid)?.pgrp ?? pid;
}

export interface DbCounters {
  /** Statements executed (pg_stat_statements, when the server loads it), else null. */
  statements: number | null;
  /** Committed and rolled-back transactions of the database (every autocommit statement is one). */
  transactions: number;
}

export async function dbCounters(url: string): Promise<DbCounters> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const x = await c.query<{ n: string }>(`SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = current_database()`);
    let statements: number | null = null;
    try {
      const s = await c.query<{ n: string | null }>(`SELECT sum(calls)::text AS n FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`);
      statements = Number(s.rows[0]?.n ?? 0);
    } catch {
      // pg_stat_statements is not installed in this database
    }
    return { statements, transactions: Number(x.rows[0]!.n) };
  } finally {
    await c.end();
  }
}

export interface CostProbe {
  /** Per submission, from when the probe was made: one line of figures. */
  report(submissions: number): Promise<string>;
}

/**
 * Starts measuring. serverPgrp: the server's process group (web and graders); pgDataDir: the PostgreSQL server's
 * data folder; dbUrl: the database (for its statistics; they lag up to PostgreSQL's stats flush, ~1 s).
 */
export async function costProbe(o: { serverPgrp?: number; pgDataDir?: string; dbUrl?: string }): Promise<CostProbe> {
  const server0 = o.serverPgrp ? groupCpuSeconds(o.serverPgrp) : 0;
  const byName0 = o.serverPgrp ? groupCpuByName(o.serverPgrp) : new Map<string, number>();
  const pg0 = o.pgDataDir ? postgresCpuSeconds(o.pgDataDir) : 0;
  const db0 = o.dbUrl ? await dbCounters(o.dbUrl) : null;
  const load0 = os.loadavg()[0]!;
  return {
    async report(submissions) {
      const parts: string[] = [];
      const per = (v: number, digits: number) => (v / Math.max(1, submissions)).toFixed(digits);
      if (o.serverPgrp) {
        const split = [...groupCpuByName(o.serverPgrp)]
          .map(([name, cpu]) => [name, cpu - (byName0.get(name) ?? 0)] as const)
          .filter(([, cpu]) => cpu > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([name, cpu]) => `${name} ${per(cpu * 1000, 1)}`);
        parts.push(`server CPU ${per((groupCpuSeconds(o.serverPgrp) - server0) * 1000, 1)} ms (${split.join(", ")})`);
      }
      if (o.pgDataDir) parts.push(`PostgreSQL CPU ${per((postgresCpuSeconds(o.pgDataDir) - pg0) * 1000, 1)} ms`);
      if (o.dbUrl && db0) {
        await new Promise((r) => setTimeout(r, 1500)); // let the backends flush their statistics
        const db1 = await dbCounters(o.dbUrl);
        if (db1.statements !== null && db0.statements !== null) parts.push(`${per(db1.statements - db0.statements, 1)} statements`);
        parts.push(`${per(db1.transactions - db0.transactions, 1)} transactions`);
      }
      return `per submission: ${parts.join(", ")} (load average at start ${load0.toFixed(2)}, now ${os.loadavg()[0]!.toFixed(2)})`;
    },
  };
}
