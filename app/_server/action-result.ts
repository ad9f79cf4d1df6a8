import type { LocalizedText } from "../../graders/text";
import { AppError, type ErrorStatus, type FieldErrors } from "./errors";

/** What a server action returns to its form: plain data, so React can pass it to the client. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; status: ErrorStatus; error: LocalizedText; fieldErrors: FieldErrors };

export async function toActionResult<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, status: error.status, error: error.text, fieldErrors: error.fieldErrors };
    console.error("[ml-dojo] unexpected error in a server action:", error);
    return {
      ok: false,
      status: 500,
      error: { en: "Something went wrong on the server. Try again in a moment.", ja: "サーバーで問題が起きました。少し待ってからもう一度お試しください。" },
      fieldErrors: {},
    };
  }
}
