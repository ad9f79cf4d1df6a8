import { z } from "zod";
import { msg } from "./errors";

/** Text checks shared by the input schemas; the lone-surrogate check every input gets lives in errors.ts (parseInput). */

/**
 * A character someone can see: not white space, not an invisible format character (zero-width space and joiners,
 * bidi marks), not a control, not a lone combining mark, not a blank filler (Hangul fillers, braille blank).
 */
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{Cc}\p{M}\p{Cn}\u115F\u1160\u3164\uFFA0\u2800]/u;

export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE.test(text);
}

/** A trimmed name of at most `max` characters with at least one visible character. */
export function visibleName(max: number, missing: { en: string; ja: string }): z.ZodType<string, string> {
  return z
    .string({ error: msg(missing.en, missing.ja) })
    .trim()
    .refine(hasVisibleCharacter, { error: msg(missing.en, missing.ja) })
    .refine((v) => v.length <= max, { error: msg(`Use at most ${max} characters.`, `${max} 文字以内にしてください。`) });
}
