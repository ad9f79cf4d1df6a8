"use client";
import dynamic from "next/dynamic";
import { useState } from "react";

const CodeEditor = dynamic(() => import("./code-editor"), { ssr: false });

const LINE_PX = 19;
const MAX_PX = 480;

/**
 * Submitted code in a read-only Monaco, for instructors. The plain text is rendered on the server and stays until
 * Monaco is ready, so the code can be read without JavaScript and while the editor loads; Monaco mounts only when
 * its <details> is open, so a page listing many submissions does not start one editor per submission.
 */
export function CodeViewer(props: { code: string; id: string; ariaLabel: string; summary: string; open: boolean }) {
  const [open, setOpen] = useState(props.open);
  const [ready, setReady] = useState(false);
  const height = Math.min(MAX_PX, Math.max(4, props.code.split("\n").length + 1) * LINE_PX + 16);
  return (
    <details open={props.open} onToggle={(e) => setOpen(e.currentTarget.open)} data-code-viewer={props.id} data-editor-ready={ready ? "true" : "false"}>
      <summary>{props.summary}</summary>
      {!ready && (
        <pre style={{ background: "var(--code-bg)", padding: ".75rem 1rem", borderRadius: 6, overflowX: "auto", maxHeight: MAX_PX, margin: ".5rem 0" }} aria-label={props.ariaLabel} data-code-text>
          <code>{props.code}</code>
        </pre>
      )}
      {open && (
        <div style={{ height, border: "1px solid var(--line)", borderRadius: 6, margin: ".5rem 0", display: ready ? "block" : "none" }}>
          <CodeEditor
            initialValue={props.code}
            linalgDeclarations=""
            signature=""
            exports={[]}
            ariaLabel={props.ariaLabel}
            readOnly
            path={`file:///submission-${props.id}.ts`}
            onChange={() => {}}
            onRun={() => {}}
            onSubmit={() => {}}
            onReady={() => setReady(true)}
          />
        </div>
      )}
    </details>
  );
}
