import type { LocalizedText } from "../../../graders/text";

/** How an assignment's late policy reads to instructors and students. */
export function latePolicyText(policy: "ACCEPT" | "PENALTY" | "REJECT", penaltyPerDay: number): LocalizedText {
  switch (policy) {
    case "ACCEPT":
      return { en: "Late work accepted", ja: "遅れても受け付け" };
    case "REJECT":
      return { en: "Late work not accepted", ja: "締切後は受け付けない" };
    case "PENALTY": {
      const pct = Math.round(penaltyPerDay * 1000) / 10;
      return { en: `−${pct}% per day late`, ja: `遅れ 1 日ごとに −${pct}%` };
    }
  }
}

export const LATE_POLICY_OPTIONS: { value: string; label: LocalizedText }[] = [
  { value: "ACCEPT", label: { en: "Accept late work (flagged late)", ja: "遅れても受け付ける（遅延として表示）" } },
  { value: "PENALTY", label: { en: "Accept with a penalty per started day", ja: "遅れた日数（開始日ごと）に応じて減点" } },
  { value: "REJECT", label: { en: "Reject late work", ja: "締切後は受け付けない" } },
];
