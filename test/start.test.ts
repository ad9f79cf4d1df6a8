import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { boot } from "../app/_server/boot";
import { describeDatabaseError } from "../app/_server/db/errors";
import { migratePostgres } from "../app/_server/db/migrate";
import { authSecret, ConfigError, databaseTarget, readEnv } from "../app/_server/env";
import { signIn } from "../app/_server/users";
import { createDb } from "../app/_server/db/client";
import { emptyDatabase, PROVIDERS } from "./support/databases";

const scratch = mkdtempSync(path.join(tmpdir(), "ml-dojo-start-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    // A minimal environment on purpose (Next's types want NODE_ENV in every ProcessEnv; start.ts does not).
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ML_DOJO_DATA_DIR: path.join(scratch, "data"), ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
}

describe("start-up with a bad database configuration", () => {
  it("an unreachable PostgreSQL gives one clear line saying what to set, not a stack trace", () => {
    const { code, stderr } = start({ DATABASE_URL: "postgresql://ml:secret@127.0.0.1:1/ml_dojo" });
    expect(code).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/Cannot reach the database at PostgreSQL postgresql:\/\/ml:\*\*\*@127\.0\.0\.1:1\/ml_dojo \(ECONNREFUSED\)\. Set DATABASE_URL/);
    expect(stderr).not.toContain("secret");
  });

  it("a DATABASE_URL of an unsupported kind is refused in one line", () => {
    const { code, stderr } = start({ DATABASE_URL: "mysql://localhost/x" });
    expect(code).toBe(1);
    expect(stderr).toBe("ml-dojo: configuration error: DATABASE_URL must be a postgres://… or postgresql://… URL, or file:path.db for SQLite; unset it to use the embedded database under data/");
  });

  it("names a database that does not exist", async () => {
    const target = { provider: "postgresql" as const, url: "postgresql://127.0.0.1:1/x", display: "PostgreSQL x" };
    const error = await migratePostgres(target.url).catch((e: unknown) => e);
    expect(describeDatabaseError(error, target)).toMatch(/^Cannot reach the database/);
    expect(describeDatabaseError({ code: "3D000", message: 'database "x" does not exist' }, target)).toMatch(/does not exist; create it/);
  });
});

describe("environment", () => {
  it("uses the embedded SQLite file under data/ when DATABASE_URL is unset or blank", () => {
    const target = databaseTarget(readEnv({ DATABASE_URL: "", ML_DOJO_DATA_DIR: "/srv/dojo" }));
    expect(target).toMatchObject({ provider: "sqlite", file: "/srv/dojo/ml-dojo.db" });
    expect(databaseTarget(readEnv({ DATABASE_URL: "postgres://u@h/db" }))).toMatchObject({ provider: "postgresql" });
    expect(() => readEnv({ NEXTAUTH_SECRET: "short" })).toThrow(ConfigError);
  });

  it("generates NEXTAUTH_SECRET once under data/, private to the owner, and keeps it", () => {
    const dir = path.join(scratch, "secret");
    const first = authSecret(readEnv({ ML_DOJO_DATA_DIR: dir }));
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(authSecret(readEnv({ ML_DOJO_DATA_DIR: dir }))).toBe(first);
    expect(statSync(path.join(dir, "nextauth-secret")).mode & 0o777).toBe(0o600);
    expect(authSecret(readEnv({ ML_DOJO_DATA_DIR: dir, NEXTAUTH_SECRET: "x".repeat(40) }))).toBe("x".repeat(40));
  });
});

describe.each(PROVIDERS)("boot on %s", (provider) => {
  it("migrates, syncs, creates the demo accounts on first start only, and they can sign in", async () => {
    const d = await emptyDatabase(provider);
    try {
      const first = await boot(d.target);
      expect(first.migrations.applied.length).toBeGreaterThan(0);
      expect(first.demoAccounts.map((a) => a.role).sort()).toEqual(["INSTRUCTOR", "STUDENT"]);
      const second = await boot(d.target);
      expect(second.migrations.applied).toEqual([]);
      expect(second.demoAccounts).toEqual([]);
      expect(second.sync.exercises.created + second.sync.exercises.updated).toBe(0);

      const db = await createDb(d.target);
      try {
        for (const account of first.demoAccounts) {
          expect(await signIn(db, account.email, account.password, "127.0.0.1")).toMatchObject({ ok: true, user: { role: account.role } });
        }
      } finally {
        await db.$disconnect();
      }
    } finally {
      await d.drop();
    }
  });
});
