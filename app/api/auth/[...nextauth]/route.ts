import NextAuth from "next-auth";
import { authOptions } from "../../../_server/auth";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth reads the options per request so that the secret generated under data/ is picked up.
async function auth(req: Request, ctx: Context): Promise<Response> {
  return (NextAuth as unknown as (req: Request, ctx: Context, options: ReturnType<typeof authOptions>) => Promise<Response>)(req, ctx, authOptions());
}

export { auth as GET, auth as POST };
