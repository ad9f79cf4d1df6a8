import { createSecretKey, hkdfSync, type KeyObject } from "node:crypto";
import { jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams } from "next-auth/jwt";

/**
 * next-auth's own decode (next-auth/jwt, 4.24: JWE "dir" + A256GCM, key = HKDF-SHA256 of the secret, 15 s clock
 * tolerance), except that the key is derived once per secret instead of on every request: the derivation and the
 * key object cost ~0.5 ms of CPU per request in a submission burst. Tokens are checked exactly as before (jose).
 */
const derivedKeys = new Map<string, KeyObject>();

function encryptionKey(secret: string | Buffer, salt: string): KeyObject {
  const id = `${salt}\0${secret.toString()}`;
  let key = derivedKeys.get(id);
  if (!key) {
    key = createSecretKey(Buffer.from(hkdfSync("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32)));
    if (derivedKeys.size > 8) derivedKeys.clear(); // secrets change only with a restart; never grow without bound
    derivedKeys.set(id, key);
  }
  return key;
}

export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, encryptionKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}
