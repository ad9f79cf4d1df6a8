import { readFile } from "node:fs/promises";
import path from "node:path";
import type { NextRequest } from "next/server";

/**
 * Serves the editor (monaco-editor's prebuilt AMD bundle in node_modules) from the app itself, so the exercise
 * page never needs a CDN and works with the network cut. The page's loader points at /vs; the editor then loads its
 * own chunks, CSS, fonts and web workers from here.
 */
const ROOT = path.join(process.cwd(), "node_modules", "monaco-editor", "min", "vs");

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".ttf": "font/ttf",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
};

export async function GET(_req: NextRequest, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const parts = (await ctx.params).path;
  // Only plain file names under the bundle: no "..", no hidden files, no absolute paths.
  if (parts.length === 0 || parts.some((p) => !/^[A-Za-z0-9_.-]+$/.test(p) || p.startsWith("."))) {
    return new Response("Not found", { status: 404 });
  }
  const file = path.join(ROOT, ...parts);
  const type = TYPES[path.extname(file)];
  if (!type || !file.startsWith(ROOT + path.sep)) return new Response("Not found", { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(new Uint8Array(body), {
      headers: {
        "content-type": type,
        // The version is pinned in package-lock.json; a day keeps an upgrade visible soon enough.
        "cache-control": "public, max-age=86400",
      },
    });
  } catch {
    return new Response("Not found", { status: 404 });
  }
}
