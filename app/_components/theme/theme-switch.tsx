"use client";

import { useEffect, useState } from "react";
import { THEME_KEY, type ThemeChoice } from "./theme";

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: "light", light: "dark", dark: "system" };

/** One button that cycles system → light → dark; the choice is remembered in this browser. */
export function ThemeSwitch({ labels }: { labels: Record<ThemeChoice, string> & { title: string } }) {
  const [choice, setChoice] = useState<ThemeChoice>("system");
  useEffect(() => {
    const t = document.documentElement.dataset.theme;
    setChoice(t === "light" || t === "dark" ? t : "system");
  }, []);
  const change = () => {
    const next = NEXT[choice];
    setChoice(next);
    if (next === "system") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
    try {
      if (next === "system") localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, next);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
  };
  return (
    <button type="button" className="chip theme-switch" onClick={change} data-theme-choice={choice} aria-label={`${labels.title}: ${labels[choice]}`}>
      {labels[choice]}
    </button>
  );
}
