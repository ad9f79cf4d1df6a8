import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nodeRuntimeProblem, pinnedNodeVersion } from "../scripts/lib/node-runtime";

// Debian's own node, which a user may get by typing `node …` or `npx tsx …` outside an npm script.
const SYSTEM_NODE = "/usr/bin/node";
const systemMajor = existsSync(SYSTEM_NODE) ? spawnSync(SYSTEM_NODE, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim() : "";

describe("the pinned Node runtime", () => {
  it("npm scripts run the Node that package.json pins (node_modules/.bin/node first on PATH)", () => {
    expect(pinnedNodeVersion()).toMatch(/^24\./);
    expect(process.versions.node).toBe(pinnedNodeVersion());
    expect(nodeRuntimeProblem()).toBeUndefined();
  });

  it("another major is refused with a line saying how to start it", () => {
    const problem = nodeRuntimeProblem("20.20.2");
    expect(problem).toContain("Node 20.20.2");
    expect(problem).toContain("npm start");
    expect(problem).toContain("node_modules/.bin/node");
  });

  it.skipIf(!systemMajor || systemMajor.startsWith("24."))("npm start's script under the system Node stops in one line before loading native modules", () => {
    // A minimal environment on purpose (Next's types want NODE_ENV in every ProcessEnv; start.ts does not).
    const r = spawnSync(SYSTEM_NODE, ["--import", "tsx", "scripts/start.ts"], { encoding: "utf8", timeout: 60_000, env: { PATH: "/usr/bin:/bin", HOME: process.env.HOME ?? "" } as unknown as NodeJS.ProcessEnv });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`ml-dojo: this is Node ${systemMajor}`);
  });
});
