/**
 * The app runs on the Node that package.json pins (dependency "node"): npm ci installs it as node_modules/.bin/node,
 * and npm scripts find it first on PATH. The native modules are built for that major only (isolated-vm's prebuilt
 * binary, better-sqlite3 compiled against its headers), so another Node, e.g. the system's when a user types
 * `node …` or `npx tsx …` by hand, would fail later with an opaque ABI error. Checked first, in one line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_JSON = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "package.json");

export function pinnedNodeVersion(): string {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, "utf8")) as { dependencies?: Record<string, string> };
  const version = pkg.dependencies?.node;
  if (!version) throw new Error(`package.json has no "node" dependency (the pinned runtime)`);
  return version;
}

/** Why this Node cannot run the app (another major than the pinned one), or undefined. */
export function nodeRuntimeProblem(version: string = process.versions.node): string | undefined {
  const pinned = pinnedNodeVersion();
  if (version.split(".")[0] === pinned.split(".")[0]) return undefined;
  return (
    `this is Node ${version}, but ml-dojo runs on the Node ${pinned} that npm ci installs (its native modules are built for it): ` +
    "start it with npm start / npm run <script>, or run node_modules/.bin/node --import tsx <script>."
  );
}
