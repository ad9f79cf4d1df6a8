import { parse } from "csv-parse/sync";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as gradebookCsvRoute } from "../app/instructor/cohorts/[id]/gradebook/csv/route";
import { GET as submissionsCsvRoute } from "../app/instructor/cohorts/[id]/gradebook/submissions-csv/route";
import { csvFileName, gradebookCsv, gradebookCsvAs, safeText, submissionsCsvAs } from "../app/_server/csv";
import { buildGradebook, percent } from "../app/_server/gradebook";
import type { PublicUser } from "../app/_server/users";
import { answer, at, DAY, gradebookFixture, submit, type Fixture } from "./gradebook-fixture";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

const SECRET = "test-secret-that-is-at-least-32-characters-long";
process.env.NEXTAUTH_SECRET = SECRET;
const BOM = "\uFEFF";

async function get(route: typeof gradebookCsvRoute, cohortId: string, user: PublicUser | null): Promise<Response> {
  const headers = new Headers();
  if (user) headers.set("cookie", `next-auth.session-token=${await encode({ token: { sub: user.id, email: user.email }, secret: SECRET })}`);
  const req = new NextRequest(`http://localhost:3000/instructor/cohorts/${cohortId}/gradebook/csv`, { headers });
  return route(req, { params: Promise.resolve({ id: cohortId }) });
}

describe.each(PROVIDERS)("CSV export on %s", (provider) => {
  let d: MigratedDatabase;
  let f: Fixture;

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    process.env.DATABASE_URL = d.url;
    f = await gradebookFixture(d.db);
    const [aoi, ben] = f.students as [PublicUser, PublicUser];
    await submit(d.db, aoi.id, "softmax", at(-DAY), 0.5);
    await submit(d.db, aoi.id, "softmax", at(DAY + 1), 1);
    await submit(d.db, ben.id, "softmax", at(-1000), 2 / 3);
    await submit(d.db, ben.id, "logsumexp", at(-1000), 1);
    await answer(d.db, aoi.id, "q-temp", at(-DAY), true);
    await d.db.user.update({ where: { id: f.owner.id }, data: { locale: "ja" } });
  });
  afterAll(async () => {
    delete process.env.DATABASE_URL;
    await d.drop();
  });

  it("writes RFC 4180 with a BOM, and parses back to the gradebook's own numbers", async () => {
    const gb = await buildGradebook(d.db, f.cohortId);
    const text = gradebookCsv(gb, "en");
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    // Quotes doubled inside a quoted field; a comma forces quoting.
    expect(text).toContain('"Ben, ""the"" student"');
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(gb.rows.length);
    for (const row of gb.rows) {
      const rec = records.find((r) => r.Email === row.student.email)!;
      expect(Number(rec["Total %"])).toBe(percent(row.total));
      expect(Number(rec[`points / ${gb.points}`])).toBe(row.earned);
      for (const [k, a] of gb.assignments.entries()) {
        const set = row.assignments[k]!;
        const prefix = `${a.title} [${a.assignmentId}]`;
        expect(rec[`${prefix} points / ${a.points}`]).toBe(set.earned === null ? "" : String(Math.round(set.earned * 100) / 100));
        expect(rec[`${prefix} %`]).toBe(set.score === null ? "" : String(percent(set.score)));
        expect(rec[`${prefix} late`]).toBe(set.late ? "yes" : "no");
        expect(rec[`${prefix} extended`]).toBe("no");
      }
      for (const [i, item] of gb.items.entries()) {
        const cell = row.cells[i]!;
        const prefix = `${item.assignmentTitle} · ${item.title.en} [${item.refId}] (${item.points})`;
        expect(rec[`${prefix} score %`]).toBe(cell.score === null ? "" : String(percent(cell.score)));
        expect(Number(rec[`${prefix} attempts`])).toBe(cell.attempts);
        expect(rec[`${prefix} late`]).toBe(cell.late ? "yes" : "no");
      }
    }
    const aoi = records.find((r) => r.Name === "Aoi 青井")!;
    expect(aoi["softmax · Softmax [softmax] (10) score %"]).toBe("80");
    expect(aoi[`softmax [${f.assignments.softmax}] points / 10`]).toBe("8");
    expect(aoi["softmax · Softmax [softmax] (10) last submitted"]).toBe("2026-12-02T23:59:00+09:00");
    expect(records.find((r) => r.Name?.startsWith("Ben"))!["softmax · Softmax [softmax] (10) score %"]).toBe("66.7");
  });

  it("defuses spreadsheet formulas in names without touching numbers", async () => {
    expect(safeText("=cmd|calc")).toBe("'=cmd|calc");
    expect(safeText("+1")).toBe("'+1");
    expect(safeText("Aoi")).toBe("Aoi");
    const records = parse(gradebookCsv(await buildGradebook(d.db, f.cohortId), "en"), { bom: true }) as string[][];
    expect(records.some((r) => r[0] === "'=cmd|calc")).toBe(true);
    expect(records.every((r) => !r[0]?.startsWith("="))).toBe(true);
  });

  it("an empty cohort exports a header row, not an error", async () => {
    await d.db.cohort.create({ data: { name: "空のコホート", joinCode: `EMPTY${provider.toUpperCase().slice(0, 3)}`, ownerId: f.owner.id } });
    const empty = await d.db.cohort.findFirstOrThrow({ where: { name: "空のコホート" } });
    const file = await gradebookCsvAs(d.db, f.owner.id, empty.id);
    expect(file.body).toBe(`${BOM}氏名,メールアドレス,登録日時,合計 %,点 / 0\r\n`);
    const subs = await submissionsCsvAs(d.db, f.owner.id, empty.id);
    expect(parse(subs.body, { bom: true })).toEqual([["氏名", "メールアドレス", "課題セット", "課題", "種類", "提出日時", "状態", "得点 %", "算入得点 %", "遅延", "遅延日数", "提出 ID"]]);
    expect(file.fileName).toMatch(/^cohort-gradebook-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csvFileName("ML 2026 機械学習", "gradebook", "UTC", new Date("2026-12-01T00:00:00Z"))).toBe("ml-2026-gradebook-2026-12-01.csv");
    // 23:30 UTC on 30 November is already 1 December in Tokyo, and still 30 November in New York.
    expect(csvFileName("ML", "submissions", "Asia/Tokyo", new Date("2026-11-30T23:30:00Z"))).toBe("ml-submissions-2026-12-01.csv");
    expect(csvFileName("ML", "submissions", "America/New_York", new Date("2026-11-30T23:30:00Z"))).toBe("ml-submissions-2026-11-30.csv");
  });

  it("the routes send a UTF-8 CSV download to the cohort's instructors and admins", async () => {
    const res = await get(gradebookCsvRoute, f.cohortId, f.owner);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="ml-2026-gradebook-/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(new TextDecoder().decode(bytes), { bom: true, columns: true }) as Record<string, string>[];
    // The owner reads Japanese: headers in Japanese, the names as they were typed.
    expect(records.map((r) => r["氏名"]).sort()).toEqual(["'=cmd|calc", "Aoi 青井", 'Ben, "the" student']);
    expect(records.find((r) => r["氏名"] === "Aoi 青井")!["softmax · ソフトマックス [softmax] (10) 得点 %"]).toBe("80");

    const subs = await get(submissionsCsvRoute, f.cohortId, f.admin);
    expect(subs.status).toBe(200);
    const rows = parse(await subs.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    const late = rows.find((r) => r.Item === "softmax" && r["Score %"] === "100")!;
    expect(late).toMatchObject({ Assignment: "softmax", Kind: "exercise", Status: "GRADED", "Counted %": "80", Late: "yes", "Days late": "2" });
    expect(rows.find((r) => r.Kind === "quiz")).toMatchObject({ Item: "q-temp", Status: "CORRECT", "Counted %": "100" });
  });

  it("the routes refuse students (403), other cohorts' instructors (403) and anonymous callers (401)", async () => {
    for (const route of [gradebookCsvRoute, submissionsCsvRoute]) {
      const student = await get(route, f.cohortId, f.students[0]!);
      expect(student.status).toBe(403);
      const body = (await student.json()) as { error: { en: string; ja: string } };
      expect(body.error.en).toMatch(/INSTRUCTOR role/);
      expect(body.error.ja).toMatch(/権限/);
      const other = await get(route, f.cohortId, f.otherInstructor);
      expect(other.status).toBe(403);
      expect(((await other.json()) as { error: { en: string } }).error.en).toMatch(/co-instructor/);
      expect((await get(route, f.cohortId, null)).status).toBe(401);
      expect((await get(route, "no-such-cohort", f.owner)).status).toBe(404);
      expect((await get(route, f.cohortId, f.coInstructor)).status).toBe(200);
    }
  });
});
