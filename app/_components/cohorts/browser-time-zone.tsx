"use client";

import { useEffect } from "react";

/**
 * Preselects the instructor's own time zone (the browser's) in a form's time-zone <select>, unless they already
 * chose one. The server cannot know it; a class in Osaka should not start in the server's default.
 */
export function BrowserTimeZone({ formTestId, name }: { formTestId: string; name: string }) {
  useEffect(() => {
    const select = document.querySelector<HTMLSelectElement>(`form[data-testid="${formTestId}"] select[name="${name}"]`);
    if (!select || select.dataset.touched === "true") return;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && [...select.options].some((o) => o.value === zone)) select.value = zone;
    select.addEventListener("change", () => (select.dataset.touched = "true"), { once: true });
  }, [formTestId, name]);
  return null;
}
