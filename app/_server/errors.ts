import type { z } from "zod";
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

/** Parses input or throws a 400 AppError with field-level messages. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
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
