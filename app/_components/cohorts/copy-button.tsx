"use client";

import { useState } from "react";

/** Copies a text (the join link) to the clipboard, and says so to screen readers. */
export function CopyButton({ text, label, done }: { text: string; label: string; done: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(() => setCopied(true));
        }}
      >
        {label}
      </button>
      <span className="hint" role="status">
        {copied ? done : ""}
      </span>
    </>
  );
}
