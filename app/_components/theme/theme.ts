/**
 * The colour theme: "system" follows prefers-color-scheme; "light" and "dark" are the learner's choice, kept in
 * localStorage and written to <html data-theme> by a tiny inline script before the first paint (no flash).
 */
export type ThemeChoice = "system" | "light" | "dark";

export const THEME_KEY = "ml-dojo-theme";

/** Runs in <head> before paint; must stay self-contained (it is inlined as text). */
export const THEME_BOOT_SCRIPT = `try{var t=localStorage.getItem("${THEME_KEY}");if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;

export function isDark(): boolean {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === "dark") return true;
  if (chosen === "light") return false;
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/** Calls `listener` whenever the effective theme may have changed (the switch, or the system setting). */
export function onThemeChange(listener: () => void): () => void {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  media.addEventListener("change", listener);
  return () => {
    observer.disconnect();
    media.removeEventListener("change", listener);
  };
}
