import type { NextConfig } from "next";
import { securityHeaders } from "./app/_server/security-headers";

const nextConfig: NextConfig = {
  // Native modules and runtimes that must be loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "pg",
    "graphile-worker",
    "isolated-vm",
    "esbuild",
    "sucrase",
    "typescript",
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "nodemailer",
  ],
  // Types are checked by `npm run typecheck` (tsc) in CI; the build need not repeat it on a 2-core server.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() answers pages a role does not reach with a real 403 (app/forbidden.tsx).
  experimental: { authInterrupts: true },
  async headers() {
    const dev = process.env.NODE_ENV !== "production";
    return [
      // Everything but Next's static chunks: the Run worker is one of them and must keep `new Function`.
      { source: "/((?!_next/static/).*)", headers: securityHeaders(dev) },
      { source: "/_next/static/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] },
    ];
  },
};

export default nextConfig;
