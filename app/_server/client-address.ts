import { BlockList, isIP } from "node:net";

/**
 * Which address a request came from, for the sign-in limits. The TCP peer is the client unless
 * ML_DOJO_TRUSTED_PROXIES says that proxies stand in front; only then is X-Forwarded-For read, and only the part
 * those proxies wrote (a client can put anything at its left end).
 *
 * The peer address reaches the app in `x-ml-dojo-peer`, which scripts/peer-address.cjs sets on every request from
 * the socket, overwriting whatever a client sent (Next.js does not hand route handlers the socket).
 */
export const PEER_HEADER = "x-ml-dojo-peer";

export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "cidrs"; list: BlockList; text: string };

/** "" or "0": none; "2": that many proxies in front; "10.0.0.0/8, 192.0.2.7, fd00::/8": proxies at those addresses. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = (value ?? "").trim();
  if (text === "" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Math.min(Number(text), 20) };
  const list = new BlockList();
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const [address = "", bits] = part.split("/");
    const family = isIP(address);
    if (family === 0) throw new Error(`"${part}" is neither a hop count nor an IP address or CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) throw new Error(`"${part}" has an invalid prefix length`);
    list.addSubnet(address, prefix, type);
  }
  return { kind: "cidrs", list, text };
}

/** "::ffff:192.0.2.1" → "192.0.2.1", so IPv4 clients on a dual-stack socket match IPv4 ranges and keys. */
function normalize(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, "");
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

export function clientAddress(headers: Headers, proxies: TrustedProxies): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  // Without the preload (`next start` run by hand) there is no peer header; Next.js then fills X-Forwarded-For with
  // the socket address unless the client sent one. Better than "unknown", which would put every client in one
  // bucket and let one guesser lock everybody out.
  const peer = normalize(headers.get(PEER_HEADER) ?? "") || forwarded.at(-1) || "unknown";
  if (proxies.kind === "none") return peer;
  if (proxies.kind === "hops") {
    // The nearest proxy is the peer; the other hops-1 appended their peers to the right end of the list.
    const index = forwarded.length - proxies.hops;
    return forwarded[Math.max(0, index)] ?? peer;
  }
  // Walk from the nearest hop outwards while the hop is one of ours; the first other address is the client.
  const chain = [...forwarded, peer];
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!trusted(proxies.list, chain[i]!)) return chain[i]!;
  }
  return chain[0] ?? peer;
}
