import type { Verdict } from "../verdict";
import { verdictSummary } from "./summary";

/**
 * A sentence this long is advice, not a short fact that may rightly repeat ("differs at [0]"); Japanese says the
 * same in about a third of the characters.
 */
const MIN_PARAGRAPH = { en: 60, ja: 20 };

function sentences(s: string): string[] {
  // Japanese sentences end in 。 with no space after; English ones in . and a space.
  // "e.g." and "i.e." end no sentence: shield their dots while splitting.
  const shielded = s.replace(/\b(e\.g|i\.e)\./g, (m) => m.replace(/\./g, "\u0000"));
  return shielded
    .split(/(?<=[。！？][）」]*)\s*|(?<=[.!?][)"'\]]*)\s+/)
    .map((x) => x.replace(/\u0000/g, ".").trim())
    .filter((x) => x !== "");
}

/**
 * Prints each paragraph of advice once per verdict: the first failing case that carries it keeps it, later cases
 * (five hidden cases of one class, say) say "see above" instead of repeating it. English and Japanese are
 * deduplicated separately, sentence by sentence, so the two stay complete translations of each other per case.
 */
export function dedupeParagraphs(verdict: Verdict): Verdict {
  const seen = { en: new Map<string, string>(), ja: new Map<string, string>() };
  for (const c of verdict.cases) {
    if (c.status === "passed") continue;
    for (const lang of ["en", "ja"] as const) {
      const kept: string[] = [];
      let dropped = false;
      for (const s of sentences(c.message[lang])) {
        const first = seen[lang].get(s);
        if (s.length >= MIN_PARAGRAPH[lang] && first !== undefined) {
          dropped = true;
          continue;
        }
        if (s.length >= MIN_PARAGRAPH[lang]) seen[lang].set(s, c.label[lang]);
        kept.push(s);
      }
      if (dropped) kept.push(lang === "en" ? "(The same advice as above applies.)" : "（上と同じ助言があてはまります。）");
      c.message[lang] = kept.join(lang === "en" ? " " : "");
    }
  }
  return verdict;
}

/** The paragraphs that a verdict prints more than once: exercises:check fails on any. */
export function duplicatedParagraphs(verdict: Verdict): string[] {
  const count = new Map<string, number>();
  const parts = [verdict.message?.en ?? "", ...verdict.cases.filter((c) => c.status !== "passed").map((c) => c.message.en)];
  for (const p of parts) for (const s of sentences(p)) if (s.length >= MIN_PARAGRAPH.en) count.set(s, (count.get(s) ?? 0) + 1);
  return [...count.entries()].filter(([, n]) => n > 1).map(([s]) => s);
}

/** The verdict as the learner reads it: advice once, and a one-line summary on top of a failed run. */
export function polishVerdict(verdict: Verdict): Verdict {
  const v = dedupeParagraphs(verdict);
  const summary = verdictSummary(v);
  if (summary) v.summary = summary;
  return v;
}
