import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import type { LocalizedText } from "../../graders/text";

/**
 * Password hashing with Node's scrypt: no native module to download. Stored as
 * scrypt$N$r$p$salt$hash (base64url), so parameters can be raised later without breaking old hashes.
 */
const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize("NFKC"), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return ["scrypt", N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password: compared against when an email is unknown, so timing does not reveal accounts. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));
}

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

const COMMON = new Set([
  "password", "password1", "password12", "password123", "password1234", "1234567890", "12345678910", "0123456789",
  "qwertyuiop", "qwerty1234", "qwerty12345", "iloveyou12", "letmein123", "welcome123", "admin12345", "abcdefghij",
  "abc1234567", "passw0rd12", "changeme123", "1q2w3e4r5t", "asdfghjkl1", "football12", "baseball12", "sunshine12",
]);

/** Why a password is too weak, or undefined when it is acceptable. */
export function passwordWeakness(password: string, email = ""): LocalizedText | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return {
      en: `Use at least ${MIN_PASSWORD_LENGTH} characters; a few words in a row are easy to remember.`,
      ja: `${MIN_PASSWORD_LENGTH} 文字以上にしてください。いくつかの単語を並べると覚えやすくなります。`,
    };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { en: `Use at most ${MAX_PASSWORD_LENGTH} characters.`, ja: `${MAX_PASSWORD_LENGTH} 文字以内にしてください。` };
  }
  const lower = password.toLowerCase();
  const local = email.toLowerCase().split("@")[0] ?? "";
  if (COMMON.has(lower) || new Set(lower).size < 4 || (local.length >= 4 && lower.includes(local))) {
    return {
      en: "This password is too easy to guess (a common password, too few different characters, or your email name). Choose another.",
      ja: "このパスワードは推測されやすすぎます（よく使われるもの、使われている文字の種類が少ない、またはメールアドレスの名前を含む）。別のものにしてください。",
    };
  }
  return undefined;
}
