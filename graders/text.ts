/** Every message a learner or instructor can read exists in both languages of the platform. */
export type Locale = "en" | "ja";

export interface LocalizedText {
  en: string;
  ja: string;
}

export function text(en: string, ja: string): LocalizedText {
  return { en, ja };
}

/** Joins localized fragments with a separator, language by language. */
export function joinText(parts: readonly LocalizedText[], sep = " "): LocalizedText {
  return { en: parts.map((p) => p.en).join(sep), ja: parts.map((p) => p.ja).join(sep) };
}
