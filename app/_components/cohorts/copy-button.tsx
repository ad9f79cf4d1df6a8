"use client";

import { useRef, useState } from "react";

/**
 * Copies a text (the join link) to the clipboard and says so, on the button and to screen readers. On a plain-http
 * LAN address the Clipboard API does not exist; the text is then selected in a box for Ctrl/⌘+C, and the message
 * says so instead of nothing happening.
 */
export function CopyButton({ text, label, done, manual }: { text: string; label: string; done: string; manual: string }) {
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const box = useRef<HTMLInputElement>(null);
  const copy = async () => {
    clearTimeout(timer.current);
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setState("copied");
      timer.current = setTimeout(() => setState("idle"), 4000);
    } catch {
      setState("manual");
      requestAnimationFrame(() => box.current?.select());
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={() => void copy()} data-copy-state={state}>
        {state === "copied" ? `✓ ${done}` : label}
      </button>
      {state === "manual" && <input ref={box} readOnly value={text} aria-label={label} onFocus={(e) => e.currentTarget.select()} />}
      <span className="hint" role="status">
        {state === "copied" ? done : state === "manual" ? manual : ""}
      </span>
    </>
  );
}
