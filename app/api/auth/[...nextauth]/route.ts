import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "../../../_server/auth";
import { handler, readRawBody } from "../../../_server/http";

type Context = { params: Promise<{ nextauth: string[] }> };
type NextAuthRoute = (req: NextRequest, ctx: Context, options: ReturnType<typeof authOptions>) => Promise<Response>;

/**
 * next-auth reads the options per request so that the secret generated under data/ is picked up. Its sign-in and
 * sign-out posts are forms; they go through the same guard as every route (same origin, bounded body), and the
 * body is read with the cap before next-auth sees it, since next-auth itself would buffer any size.
 */
async function auth(req: NextRequest, ctx: Context): Promise<Response> {
  const bounded =
    req.method === "GET" || req.method === "HEAD"
      ? req
      : new NextRequest(req.url, { method: req.method, headers: req.headers, body: Buffer.from(await readRawBody(req)) });
  return (NextAuth as unknown as NextAuthRoute)(bounded, ctx, authOptions());
}

const guarded = handler(auth, { accepts: "form" });
export { guarded as GET, guarded as POST };
