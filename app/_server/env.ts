import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "./client-address";

/**
 * Every environment variable the server reads, validated once. A bad deployment fails with one readable line
 * naming the variable and what to set, never with a stack trace.
 */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^(postgres|postgresql|file):/.test(v), {
      message: "must be a postgres://… or postgresql://… URL, or file:path.db for SQLite; unset it to use the embedded database under data/",
    }),
  NEXTAUTH_SECRET: z.string().min(32, { message: "must be at least 32 characters; unset it to let ml-dojo generate one under data/" }).optional(),
  NEXTAUTH_URL: z.url({ message: "must be the public URL of the app, e.g. http://localhost:3000" }).optional(),
  ML_DOJO_DATA_DIR: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  ML_DOJO_TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      try {
        parseTrustedProxies(v);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: `must be a hop count (e.g. 1) or IP addresses/CIDR ranges separated by commas: ${(error as Error).message}` });
      }
    }),
  ML_DOJO_SMTP_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^smtps?:\/\//.test(v), { message: "must be an smtp://user:pass@host:587 or smtps://… URL" }),
  ML_DOJO_SMTP_FROM: z.string().optional(),
  ML_DOJO_SIGNUP: z.enum(["open", "invite", "closed"], { message: "must be open, invite or closed" }).optional(),
});

export type ServerEnv = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

const ENV_KEYS = Object.keys(envSchema.shape) as (keyof ServerEnv)[];
/** The last environment read and what it parsed to: every request reads it (database, session secret). */
let lastRead: { key: string; env: ServerEnv } | undefined;

export function readEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  // Empty strings mean "unset": a blank line in a .env file should not break the start. Only the schema's own
  // variables are read: copying and validating all of process.env on every request cost ~1 ms of CPU.
  const values = ENV_KEYS.map((k) => source[k]);
  const key = JSON.stringify(values);
  if (source === process.env && lastRead?.key === key) return lastRead.env;
  const cleaned = Object.fromEntries(ENV_KEYS.map((k, i) => [k, values[i]]).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.map(String).join(".") ?? "environment";
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"}`);
  }
  if (source === process.env) lastRead = { key, env: parsed.data };
  return parsed.data;
}

export function dataDir(env: ServerEnv = readEnv()): string {
  return path.resolve(env.ML_DOJO_DATA_DIR ?? "data");
}

export type DatabaseTarget =
  | { provider: "sqlite"; file: string; display: string }
  | { provider: "postgresql"; url: string; display: string };

/** Where the data lives: DATABASE_URL when it is set, else the embedded SQLite file under data/. */
export function databaseTarget(env: ServerEnv = readEnv()): DatabaseTarget {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:/.test(url)) {
    return { provider: "postgresql", url, display: redactUrl(url) };
  }
  const file = url ? path.resolve(url.replace(/^file:/, "")) : path.join(dataDir(env), "ml-dojo.db");
  return { provider: "sqlite", file, display: `SQLite ${path.relative(process.cwd(), file) || file}` };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return `PostgreSQL ${u.toString()}`;
  } catch {
    return "PostgreSQL (unparsable URL)";
  }
}

/**
 * NEXTAUTH_SECRET from the environment, or one generated on first start and kept in data/, so a fresh install
 * needs no .env editing. Several instances behind one database must share it: set NEXTAUTH_SECRET there.
 */
export function authSecret(env: ServerEnv = readEnv()): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.join(dataDir(env), "nextauth-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) {
      // A secret written by an older version may be readable by others (0644): whoever reads it can forge sessions.
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      return stored;
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

const LOOPBACK = /^(localhost|127(\.\d+){3}|::1|\[::1\])$/;

/**
 * When NEXTAUTH_URL is unset and the server is reachable beyond this machine, links that must name a host (the
 * password-reset email) would say localhost. Redirects stay relative either way, so a LAN user stays on the LAN.
 */
export function publicUrlWarning(nextAuthUrl: string | undefined, host: string | undefined, port: number): string | undefined {
  if (nextAuthUrl || (host && LOOPBACK.test(host))) return undefined;
  return (
    `NEXTAUTH_URL is unset and the server listens on ${host ?? "all interfaces"}: pages work on any address, ` +
    `but e-mailed links would point at http://localhost:${port}. Set NEXTAUTH_URL to the address students use, e.g. http://<this machine's LAN address>:${port}.`
  );
}
