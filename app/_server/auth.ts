import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "./db";
import { clientAddress, parseTrustedProxies } from "./client-address";
import { authSecret, readEnv } from "./env";
import { revokeSessions, sessionVersionOf, signIn } from "./users";

/** Error codes that authorize() hands to the sign-in form (next-auth passes the thrown message through). */
export const SIGN_IN_ERROR = { invalid: "CredentialsSignin", rateLimited: "RateLimited" } as const;

const credentialsSchema = z.object({ email: z.string().max(320), password: z.string().max(1000) });

/** The client's address for the sign-in limits, as ML_DOJO_TRUSTED_PROXIES says to read it. */
export function signInClient(headers: Record<string, string | string[] | undefined>): string {
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
  return clientAddress(h, parseTrustedProxies(readEnv().ML_DOJO_TRUSTED_PROXIES));
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const result = await signIn(await getDb(), parsed.data.email, parsed.data.password, signInClient(req.headers ?? {}));
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.displayName, sv: await sessionVersionOf(await getDb(), result.user.id) };
          if (result.reason === "rate-limited") throw new Error(`${SIGN_IN_ERROR.rateLimited}:${Math.ceil(result.retryAfterMs / 1000)}`);
          return null;
        },
      }),
    ],
    events: {
      // Signing out ends the token for good, not only the cookie in this browser.
      async signOut({ token }) {
        if (token?.sub) await revokeSessions(await getDb(), token.sub, typeof token.sv === "number" ? token.sv : undefined);
      },
    },
    callbacks: {
      // The token carries the user id and session version; roles are read from the database on each check
      // (authz.ts), in the same query that compares the version (session.ts).
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sv?: number }).sv ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
