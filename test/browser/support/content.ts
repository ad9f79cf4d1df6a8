import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { syncContent } from "../../../app/_server/content-sync";
import { createDb } from "../../../app/_server/db/client";
import { loadCatalog } from "../../../graders/exercise/catalog";
import { PROJECT_ROOT } from "./server";

/**
 * The app's own copy of exercises/, for a test that edits an exercise (ML_DOJO_EXERCISES_DIR points the app at it).
 * Content imports the authoring kit relatively ("../../../graders/content"); the copy points those imports at this
 * checkout's graders/ (which the grader sandbox mounts), and is readable by the graders' unprivileged user.
 */
export interface ContentCopy {
  dir: string;
  /** Edits one file of the copy and syncs the content into the app's SQLite database, as a restart would. */
  editAndSync(dataDir: string, file: string, edit: (text: string) => string): Promise<void>;
  remove(): void;
}

export function copyExercises(): ContentCopy {
  const dir = mkdtempSync(path.join(tmpdir(), "ml-dojo-browser-content-"));
  cpSync(path.join(PROJECT_ROOT, "exercises"), dir, { recursive: true });
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".ts")) continue;
    const file = path.join(dir, entry);
    const text = readFileSync(file, "utf8");
    const fixed = text.replace(/(["'])(?:\.\.\/)+graders\//g, `$1${PROJECT_ROOT}/graders/`);
    if (fixed !== text) writeFileSync(file, fixed);
  }
  return {
    dir,
    async editAndSync(dataDir, file, edit) {
      const full = path.join(dir, file);
      writeFileSync(full, edit(readFileSync(full, "utf8")));
      const db = await createDb({ provider: "sqlite", file: path.join(dataDir, "ml-dojo.db"), display: "browser test" });
      try {
        await syncContent(db, loadCatalog(dir));
      } finally {
        await db.$disconnect();
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The edit the regrade tests make: softmax's reference halves every probability, so an earlier 100 no longer holds. */
export const HALVE_SOFTMAX_REFERENCE = {
  file: "softmax/softmax/reference.ts",
  edit: (text: string): string => {
    const from = "return e.map((ei) => ei / sum);";
    if (!text.includes(from)) throw new Error(`softmax's reference no longer contains ${from}; update the browser tests' edit`);
    return text.replace(from, "return e.map((ei) => ei / sum / 2);");
  },
};
