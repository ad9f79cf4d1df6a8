import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, migratePostgres, migrateSqlite, MigrationError, readMigrations } from "../../app/_server/db/migrate";
import { MIGRATIONS_DIR } from "../../app/_server/db/schemas";
import { migrationSql, prisma } from "../../scripts/lib/prisma-cli";
import { schemaCatalog, runScript } from "../support/catalog";
import { emptyDatabase, PROVIDERS, type TestDatabase } from "../support/databases";

const cleanup: TestDatabase[] = [];
afterEach(async () => {
  for (const d of cleanup.splice(0)) await d.drop();
});

async function fresh(provider: (typeof PROVIDERS)[number]): Promise<TestDatabase> {
  const d = await emptyDatabase(provider);
  cleanup.push(d);
  return d;
}

describe.each(PROVIDERS)("migrations on %s", (provider) => {
  it("apply from empty, record themselves, and apply nothing the second time", async () => {
    const d = await fresh(provider);
    const committed = readMigrations(MIGRATIONS_DIR[provider]).map((m) => m.name);
    expect(committed.length).toBeGreaterThan(0);

    const first = await migrate(d.target);
    expect(first.applied).toEqual(committed);
    const second = await migrate(d.target);
    expect(second).toEqual({ applied: [], alreadyApplied: committed.length });

    const catalog = await schemaCatalog(d.target);
    for (const table of ["User", "Cohort", "Enrollment", "Exercise", "Submission", "ExerciseProgress", "QuizItem", "QuizAttempt", "RateLimitBucket"]) {
      expect(catalog.some((line) => line.includes(table))).toBe(true);
    }
  });

  it("match the schema: committed migrations build the same database as the current prisma/schema.prisma", async () => {
    const migrated = await fresh(provider);
    await migrate(migrated.target);
    const fromSchema = await fresh(provider);
    await runScript(fromSchema.target, await migrationSql(provider, "empty"));

    const [a, b] = [await schemaCatalog(migrated.target), await schemaCatalog(fromSchema.target)];
    // On failure: prisma/schema.prisma changed without a migration. Run `npm run db:diff -- <name>` and commit it.
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(50);
  });

  it("refuse a migration that was edited after it was applied, saying what to do", async () => {
    const d = await fresh(provider);
    await migrate(d.target);
    const edited = readMigrations(MIGRATIONS_DIR[provider]).map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    const run = provider === "sqlite"
      ? async () => migrateSqlite((d.target as { file: string }).file, edited)
      : async () => migratePostgres((d.target as { url: string }).url, edited);
    await expect(run()).rejects.toThrow(MigrationError);
    await expect(run()).rejects.toThrow(/edited after it was applied.*new migration/);
  });
});

describe("migrations and the Prisma CLI agree (SQLite, where the JS schema engine can deploy)", () => {
  it("prisma migrate deploy finds nothing to apply after the runner, and the runner nothing after prisma", async () => {
    const byRunner = await fresh("sqlite");
    await migrate(byRunner.target);
    const file = (byRunner.target as { file: string }).file;
    const out = await prisma(["migrate", "deploy"], { PRISMA_SQLITE_FILE: file });
    expect(out).toMatch(/No pending migrations to apply/);

    const byPrisma = await fresh("sqlite");
    const prismaFile = (byPrisma.target as { file: string }).file;
    const deployed = await prisma(["migrate", "deploy"], { PRISMA_SQLITE_FILE: prismaFile });
    expect(deployed).toMatch(/successfully applied/);
    expect(await migrate(byPrisma.target)).toEqual({ applied: [], alreadyApplied: readMigrations(MIGRATIONS_DIR.sqlite).length });
  });

  it("a migration folder holds the schema it was made from, and the latest one is the current schema", async () => {
    const withSnapshot = readdirSync(MIGRATIONS_DIR.sqlite).filter((d) => existsSync(path.join(MIGRATIONS_DIR.sqlite, d, "schema.prisma"))).sort();
    const latest = withSnapshot.at(-1);
    expect(latest).toBeDefined();
    // db:diff diffs from this snapshot; if it lags the schema, the next migration would repeat changes.
    expect(readFileSync(path.join(MIGRATIONS_DIR.sqlite, latest!, "schema.prisma"), "utf8")).toBe(
      readFileSync(path.join(MIGRATIONS_DIR.sqlite, "..", "schema.prisma"), "utf8"),
    );
    expect(readdirSync(MIGRATIONS_DIR.postgresql).filter((d) => !d.endsWith(".toml")).sort()).toEqual(
      readdirSync(MIGRATIONS_DIR.sqlite).filter((d) => !d.endsWith(".toml")).sort(),
    );
  });
});

describe("two instances starting at once (SQLite)", () => {
  it("apply each migration exactly once", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ml-dojo-race-"));
    try {
      const file = path.join(dir, "race.db");
      const results = await Promise.all([0, 1, 2].map(() => Promise.resolve().then(() => migrateSqlite(file))));
      const total = results.reduce((n, r) => n + r.applied.length, 0);
      expect(total).toBe(readMigrations(MIGRATIONS_DIR.sqlite).length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

