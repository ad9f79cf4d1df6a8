import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "../app/_server/db/migrate";
import { authSecret, readEnv } from "../app/_server/env";

/** The secret and the SQLite database are readable by the server's own user only (grader children run as another). */
const dir = mkdtempSync(path.join(tmpdir(), "ml-dojo-modes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mode = (file: string) => statSync(file).mode & 0o777;

describe("file modes of secrets", () => {
  it("a new SQLite database and its WAL files are 0600, in a 0700 directory", () => {
    const file = path.join(dir, "data", "ml-dojo.db");
    migrateSqlite(file, []);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
  });

  it("an existing database left at 0644 is made 0600 at the next start", () => {
    const file = path.join(dir, "old.db");
    migrateSqlite(file, []);
    chmodSync(file, 0o644);
    migrateSqlite(file, []);
    expect(mode(file)).toBe(0o600);
  });

  it("an existing NEXTAUTH secret left at 0644 is made 0600 when read", () => {
    const data = path.join(dir, "secret-data");
    authSecret(readEnv({ ML_DOJO_DATA_DIR: data }));
    const file = path.join(data, "nextauth-secret");
    expect(mode(file)).toBe(0o600);
    writeFileSync(file, `${"s".repeat(40)}\n`, { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(authSecret(readEnv({ ML_DOJO_DATA_DIR: data }))).toBe("s".repeat(40));
    expect(mode(file)).toBe(0o600);
  });
});
