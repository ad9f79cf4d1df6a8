import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "../app/_server/session-token";

// The session check decodes next-auth's tokens with a key derived once (session-token.ts); it must accept exactly
// what next-auth's own decode accepts.
describe("session token decode with a cached key", () => {
  const secret = "s".repeat(40);

  it("reads a token next-auth issued, again and again", async () => {
    const token = await encode({ token: { sub: "user-1", sv: 3 }, secret });
    for (let i = 0; i < 3; i++) expect(await decodeSessionToken({ token, secret })).toMatchObject({ sub: "user-1", sv: 3 });
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });

  it("refuses a token signed with another secret, an expired one and a tampered one", async () => {
    const other = await encode({ token: { sub: "user-1" }, secret: "o".repeat(40) });
    await expect(decodeSessionToken({ token: other, secret })).rejects.toThrow();
    const expired = await encode({ token: { sub: "user-1" }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/exp/);
    const token = await encode({ token: { sub: "user-1" }, secret });
    const parts = token.split(".");
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith("A") ? "B" : "A"}A`;
    await expect(decodeSessionToken({ token: parts.join("."), secret })).rejects.toThrow();
  });
});
