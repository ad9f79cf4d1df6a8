import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { LocalizedText } from "../../graders/text";
import type { Db } from "./db/client";
import { requireCohortInstructor } from "./cohorts";
import { csvOf, safeText } from "./csv";
import { AppError, hasLoneSurrogate, msg } from "./errors";
import { issuePasswordLinkIn, SET_PASSWORD_LINK_TTL_MS } from "./password-tokens";
import { visibleName } from "./text-fields";
import { normalizeEmail } from "./users";

/**
 * An instructor's roster import: a CSV of email,name (UTF-8 with or without BOM, as Excel's "CSV UTF-8" or a plain
 * text editor writes it; comma or semicolon; an optional header row). Every line is checked first and every problem
 * is reported with its line number; only a clean file is imported, in one transaction: accounts for new emails,
 * enrollments, and a one-time set-password link for each new account.
 */
export const MAX_ROSTER_ROWS = 1000;

export interface RosterLine {
  line: number;
  email: string;
  name: string;
}

export interface ImportedStudent {
  email: string;
  name: string;
  /** new: account created (with a link); existing: an account already had this email (enrolled, no link). */
  status: "new" | "existing" | "already-member";
  /** For new accounts: the path of the set-password link. */
  linkPath?: string;
}

const emailSchema = z.email();
const nameSchema = visibleName(60, { en: "name", ja: "name" });

const HEADER_EMAIL = /^(e-?mail|email address|メール|メールアドレス)$/i;
const HEADER_NAME = /^(name|display ?name|氏名|名前|表示名)$/i;

function lineError(errors: Record<string, LocalizedText>, line: number, text: LocalizedText): void {
  errors[`line ${line}`] ??= { en: `Line ${line}: ${text.en}`, ja: `${line} 行目: ${text.ja}` };
}

/** Parses and checks the file; throws AppError 400 with one message per bad line. */
export function parseRoster(csv: string): RosterLine[] {
  if (hasLoneSurrogate(csv)) throw new AppError(400, { en: "The file has broken characters; save it as UTF-8 and try again.", ja: "ファイルに壊れた文字があります。UTF-8 で保存し直してください。" });
  const text = csv.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError(400, {
      en: `The file is not valid CSV${line ? ` (near line ${line})` : ""}. Save it from your spreadsheet as “CSV UTF-8” with the columns email,name.`,
      ja: `CSV として読めません${line ? `（${line} 行目付近）` : ""}。表計算ソフトから「CSV UTF-8」で、列を email,name にして保存してください。`,
    });
  }
  let columns = { email: 0, name: 1 };
  const first = records[0]?.record ?? [];
  if (first.some((c) => HEADER_EMAIL.test(c))) {
    columns = { email: first.findIndex((c) => HEADER_EMAIL.test(c)), name: Math.max(0, first.findIndex((c) => HEADER_NAME.test(c))) };
    if (!first.some((c) => HEADER_NAME.test(c))) columns.name = columns.email === 0 ? 1 : 0;
    records = records.slice(1);
  }
  if (records.length === 0) throw new AppError(400, { en: "The file has no students. Put one student per line: email,name.", ja: "学生が 1 人もいません。1 行に 1 人ずつ email,name の形で書いてください。" });
  if (records.length > MAX_ROSTER_ROWS) {
    throw new AppError(400, { en: `Import at most ${MAX_ROSTER_ROWS} students at a time; split the file.`, ja: `一度に取り込めるのは ${MAX_ROSTER_ROWS} 人までです。ファイルを分けてください。` });
  }
  const errors: Record<string, LocalizedText> = {};
  const seen = new Map<string, number>();
  const lines: RosterLine[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const email = normalizeEmail(record[columns.email] ?? "");
    const name = (record[columns.name] ?? "").trim();
    if (!emailSchema.safeParse(email).success) {
      lineError(errors, line, { en: `“${email || "(empty)"}” is not an email address.`, ja: `「${email || "（空）"}」はメールアドレスではありません。` });
      continue;
    }
    if (!nameSchema.safeParse(name).success) {
      lineError(errors, line, { en: "the name is missing or longer than 60 characters.", ja: "名前がないか、60 文字を超えています。" });
      continue;
    }
    const earlier = seen.get(email);
    if (earlier !== undefined) {
      lineError(errors, line, { en: `${email} is already on line ${earlier}.`, ja: `${email} は ${earlier} 行目にもあります。` });
      continue;
    }
    seen.set(email, line);
    lines.push({ line, email, name });
  }
  if (Object.keys(errors).length > 0) {
    throw new AppError(400, { en: "Nothing was imported. Fix these lines and import the whole file again.", ja: "何も取り込んでいません。次の行を直して、ファイル全体をもう一度取り込んでください。" }, errors);
  }
  return lines;
}

const inputSchema = z.object({ csv: z.string({ error: msg("Choose a CSV file.", "CSV ファイルを選んでください。") }).max(1024 * 1024) });

/**
 * Imports a roster into a cohort (its owner, co-instructors and admins only). An email that already has an
 * account is enrolled as it is (no link: its owner signs in as usual); a staff account is refused on its line.
 */
export async function importRosterAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown, now = new Date()): Promise<ImportedStudent[]> {
  const { cohort, actor } = await requireCohortInstructor(db, actorId, cohortId);
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw new AppError(400, { en: "Choose a CSV file.", ja: "CSV ファイルを選んでください。" });
  const lines = parseRoster(parsed.data.csv);
  const existing = await db.user.findMany({ where: { email: { in: lines.map((l) => l.email) } }, select: { id: true, email: true, role: true } });
  const byEmail = new Map(existing.map((u) => [u.email, u]));
  const staff: Record<string, LocalizedText> = {};
  for (const l of lines) {
    if (byEmail.get(l.email) && byEmail.get(l.email)!.role !== "STUDENT") {
      lineError(staff, l.line, { en: `${l.email} is an instructor or admin account; add instructors as co-instructors instead.`, ja: `${l.email} はインストラクターか管理者のアカウントです。共同インストラクターとして追加してください。` });
    }
  }
  if (Object.keys(staff).length > 0) {
    throw new AppError(400, { en: "Nothing was imported. Fix these lines and import the whole file again.", ja: "何も取り込んでいません。次の行を直して、ファイル全体をもう一度取り込んでください。" }, staff);
  }
  try {
    return await db.$transaction(
      async (tx) => {
        const out: ImportedStudent[] = [];
        for (const l of lines) {
          const found = byEmail.get(l.email);
          // "!" is no scrypt hash: the account cannot sign in until its owner sets a password through the link.
          const user = found ?? (await tx.user.create({ data: { email: l.email, displayName: l.name, passwordHash: "!", locale: actor.locale }, select: { id: true } }));
          const member = found ? await tx.enrollment.findUnique({ where: { cohortId_userId: { cohortId: cohort.id, userId: user.id } }, select: { id: true } }) : null;
          if (!member) await tx.enrollment.create({ data: { cohortId: cohort.id, userId: user.id, role: "STUDENT" } });
          if (found) {
            out.push({ email: l.email, name: l.name, status: member ? "already-member" : "existing" });
          } else {
            const link = await issuePasswordLinkIn(tx as unknown as Db, user.id, SET_PASSWORD_LINK_TTL_MS, now);
            out.push({ email: l.email, name: l.name, status: "new", linkPath: link.path });
          }
        }
        return out;
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError(409, { en: "Someone signed up with one of these emails during the import. Nothing was imported; import the file again.", ja: "取り込み中に同じメールアドレスで登録がありました。何も取り込んでいません。もう一度取り込んでください。" });
    }
    throw error;
  }
}

/** The file to hand out: one line per student with the link to set a password (new accounts) and until when. */
export function rosterLinksCsv(students: readonly ImportedStudent[], origin: string, locale: "en" | "ja", expiresAt: Date): string {
  const header = locale === "ja" ? ["メールアドレス", "氏名", "パスワード設定リンク", "有効期限 (UTC)"] : ["Email", "Name", "Set-password link", "Expires (UTC)"];
  const note = { existing: locale === "ja" ? "既存のアカウント（いつも通りサインイン）" : "existing account (signs in as usual)", "already-member": locale === "ja" ? "登録済み" : "already in the cohort" };
  return csvOf([
    header,
    ...students.map((s) => [s.email, safeText(s.name), s.linkPath ? `${origin}${s.linkPath}` : note[s.status as "existing" | "already-member"], s.linkPath ? expiresAt.toISOString().slice(0, 16).replace("T", " ") : ""]),
  ]);
}
