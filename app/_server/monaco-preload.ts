import { readFileSync } from "node:fs";
import path from "node:path";
import { preload } from "react-dom";

/**
 * The editor's core scripts, so the exercise page can ask the browser for them while the statement renders
 * (instead of after hydration, the editor chunk and loader.js, one round trip after another). The list is read
 * from the installed editor.main.js (its AMD define() names the hashed chunks it needs), so an upgrade of
 * monaco-editor needs no change here. The language workers are left out: they load after the editor is usable.
 */
const VS = path.join(process.cwd(), "node_modules", "monaco-editor", "min", "vs");

let cached: string[] | undefined;

export function monacoCoreScripts(): string[] {
  if (cached) return cached;
  const urls = ["/vs/loader.js", "/vs/editor/editor.main.js"];
  try {
    const main = readFileSync(path.join(VS, "editor", "editor.main.js"), "utf8");
    const deps = /^define\("vs\/editor\/editor\.main",\[([^\]]*)\]/.exec(main)?.[1] ?? "";
    for (const dep of deps.split(",").map((d) => d.trim().replace(/^"|"$/g, ""))) {
      // Relative chunks only ("../editor-…"): "require", "exports" and loader plugins are not files; *.worker stubs are tiny.
      if (!dep.startsWith("../") || dep.includes(".worker")) continue;
      urls.push(`/vs/${dep.slice(3)}.js`);
    }
  } catch {
    // A missing or reshaped bundle only costs the head start; the editor still loads on demand.
  }
  cached = urls;
  return urls;
}

export function preloadMonacoCore(): void {
  for (const href of monacoCoreScripts()) preload(href, { as: "script" });
  preload("/vs/editor/editor.main.css", { as: "style" });
}
