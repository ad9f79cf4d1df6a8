"use client";
import { useEffect, useMemo, useRef, useState } from "react";

export type DraftState = "idle" | "dirty" | "saving" | "saved" | "failed";

const DEBOUNCE_MS = 800;
const RETRY_MS = 5_000;

export interface DraftAutosave {
  state: DraftState;
  /** The editor's text changed: saved after a pause in typing. */
  changed(code: string): void;
  /** Saves now what is not saved yet (before a submit). Never throws. */
  flush(): Promise<void>;
  /** Reset to the starter: nothing pending, and the server forgets the draft. */
  discard(): Promise<void>;
}

/** Per-exercise draft autosave to the server, debounced, retried while the server is unreachable. */
export function useDraftAutosave(exerciseId: string): DraftAutosave {
  const [state, setState] = useState<DraftState>("idle");
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);
  const url = `/api/drafts/${encodeURIComponent(exerciseId)}`;

  const api = useMemo(() => {
    const save = async (): Promise<void> => {
      clearTimeout(timer.current);
      if (inFlight.current) await inFlight.current;
      const code = pending.current;
      if (code === null) return;
      pending.current = null;
      setState("saving");
      const attempt = (async () => {
        try {
          const res = await fetch(url, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ code }) });
          if (!res.ok) throw new Error(String(res.status));
          setState(pending.current === null ? "saved" : "dirty");
        } catch {
          // Keep the newest text for the retry.
          pending.current ??= code;
          setState("failed");
          timer.current = setTimeout(() => void save(), RETRY_MS);
        }
      })();
      inFlight.current = attempt;
      await attempt;
      inFlight.current = null;
    };
    return {
      changed(code: string) {
        pending.current = code;
        setState("dirty");
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
      },
      flush: save,
      async discard() {
        clearTimeout(timer.current);
        pending.current = null;
        if (inFlight.current) await inFlight.current;
        try {
          await fetch(url, { method: "DELETE" });
          setState("idle");
        } catch {
          setState("failed");
        }
      },
    };
  }, [url]);

  useEffect(() => {
    // Leaving the page with unsaved text: a keepalive request outlives the page.
    const onHide = () => {
      if (pending.current === null) return;
      void fetch(url, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: pending.current }), keepalive: true });
      pending.current = null;
    };
    window.addEventListener("pagehide", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      clearTimeout(timer.current);
    };
  }, [url]);

  return useMemo(() => ({ state, ...api }), [state, api]);
}
