import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native modules and runtimes that must be loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "pg",
    "isolated-vm",
    "esbuild",
    "sucrase",
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
  ],
  // Types are checked by `npm run typecheck` (tsc) in CI; the build need not repeat it on a 2-core server.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
