import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "./errors";

/**
 * Route handlers stay thin: parse, check the role, call one domain function. This wrapper maps AppError to its
 * status with a bilingual message and field errors, and hides anything else behind a 500 that says what to do.
 */
export function jsonError(error: unknown): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json({ error: error.text, fieldErrors: error.fieldErrors }, { status: error.status });
  }
  console.error("[ml-dojo] unexpected error in a route handler:", error);
  return NextResponse.json(
    {
      error: {
        en: "Something went wrong on the server. Try again; if it keeps happening, tell your instructor.",
        ja: "サーバーで問題が起きました。もう一度お試しください。繰り返す場合は担当の先生に知らせてください。",
      },
      fieldErrors: {},
    },
    { status: 500 },
  );
}

export function handler<C>(fn: (req: NextRequest, ctx: C) => Promise<Response>): (req: NextRequest, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    try {
      return await fn(req, ctx);
    } catch (error) {
      return jsonError(error);
    }
  };
}

const MAX_BODY_BYTES = 256 * 1024;

/** The body of a JSON or form post as a plain object; a malformed body is a 400 that says what was expected. */
export async function readBody(req: NextRequest): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  const raw = await req.text();
  if (raw.length > MAX_BODY_BYTES) {
    throw new AppError(413, { en: "The request is too large.", ja: "リクエストが大きすぎます。" });
  }
  if (type.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new AppError(400, {
      en: "The request body must be JSON (Content-Type: application/json) or a form post.",
      ja: "リクエスト本文は JSON（Content-Type: application/json）かフォーム送信にしてください。",
    }, { _form: { en: "The body is not valid JSON.", ja: "本文が正しい JSON ではありません。" } });
  }
}
