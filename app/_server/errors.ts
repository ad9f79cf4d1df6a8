import { z } from "zod";
import type { LocalizedText } from "../../graders/text";

export type FieldErrors = Record<string, LocalizedText>;

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 500 | 503;

/**
 * An error a learner, instructor or admin can read: a status for HTTP, a bilingual message that says what to
 * do, and per-field messages for forms. Domain modules throw it; handlers and actions turn it into a response.
 */
export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly text: LocalizedText,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(text.en);
    this.name = "AppError";
  }
}

/**
 * zod carries plain strings as messages; schemas built with `msg(en, ja)` carry both languages in one string so
 * that fieldErrors() can give each field its bilingual message.
 */
export function msg(en: string, ja: string): string {
  return JSON.stringify({ en, ja });
}

function toText(message: string): LocalizedText {
  try {
    const parsed = JSON.parse(message) as unknown;
    if (parsed && typeof parsed === "object" && "en" in parsed && "ja" in parsed) return parsed as LocalizedText;
  } catch {
    // a message not made with msg(): show it as it is in both languages
  }
  return { en: message, ja: message };
}

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    out[key] ??= toText(issue.message);
  }
  return out;
}

export function invalidInput(error: z.ZodError): AppError {
  return new AppError(400, { en: "Some fields need attention.", ja: "入力内容を確認してください。" }, fieldErrors(error));
}

/**
 * parseInput() applies `wellFormedText` to every input before its own schema, so no handler can forget it: a string
 * with a lone UTF-16 surrogate (JSON can carry "\ud800") cannot be stored in PostgreSQL or compiled, and used to
 * end in a 500.
 */
const LONE_SURROGATE = msg(
  "This text contains a broken character (a lone UTF-16 surrogate). Retype or re-paste it.",
  "壊れた文字（対になっていない UTF-16 サロゲート）が含まれています。入力し直すか、貼り付け直してください。",
);

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE.test(text);
}

function walk(value: unknown, path: (string | number)[], found: (string | number)[][], depth = 0): void {
  if (depth > 32 || found.length >= 20) return;
  if (typeof value === "string") {
    if (hasLoneSurrogate(value)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, [...path, i], found, depth + 1));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (hasLoneSurrogate(k)) found.push(path);
      else walk(v, [...path, k], found, depth + 1);
    }
  }
}

const wellFormedText = z.unknown().superRefine((value, ctx) => {
  const found: (string | number)[][] = [];
  walk(value, [], found);
  for (const path of found) ctx.addIssue({ code: "custom", path, message: LONE_SURROGATE });
});

/**
 * Parses input or throws a 400 AppError with field-level messages. Every input is first checked for broken text
 * (above), whatever the schema.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const text = wellFormedText.safeParse(input);
  if (!text.success) throw invalidInput(text.error);
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

export const NOT_SIGNED_IN = new AppError(401, {
  en: "Please sign in first.",
  ja: "先にサインインしてください。",
});

export function forbidden(needed: string): AppError {
  return new AppError(403, {
    en: `This needs the ${needed} role. Ask an administrator if you should have it.`,
    ja: `この操作には ${needed} の権限が必要です。必要な場合は管理者に依頼してください。`,
  });
}
