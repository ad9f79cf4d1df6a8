import type { Locale } from "../../graders/text";

/**
 * Times of a cohort are entered and shown in the cohort's IANA time zone and stored in UTC. Offsets come from the
 * platform's time-zone database through Intl (never a hand-written table), so DST zones work as well as Asia/Tokyo.
 */
export const DEFAULT_TIME_ZONE = "Asia/Tokyo";

export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zones a cohort may choose from, for the settings form. */
export function timeZoneChoices(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(zone: string): Intl.DateTimeFormat {
  let f = wallFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallFormats.set(zone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, zone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of wallFormat(zone).formatToParts(instant)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** The zone's offset from UTC at an instant, in ms (Asia/Tokyo: +9 h). */
function offsetAt(instantMs: number, zone: string): number {
  const w = wallClock(new Date(instantMs), zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A wall-clock time typed in the zone (the value of <input type="datetime-local">, "2026-12-01T23:59") as a UTC
 * instant; null when the text is not such a time or names a day that does not exist (2026-02-30). A time skipped
 * by a DST jump resolves to the instant after the jump.
 */
export function localToUtc(local: string, zone: string): Date | null {
  const m = LOCAL_INPUT.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const wallMs = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wallMs);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // Near a DST change the offset at the guess may differ from the offset at the answer: try both offsets and keep
  // the earliest instant whose wall clock is the one typed; in a skipped hour neither matches, take the later.
  const first = wallMs - offsetAt(wallMs, zone);
  const candidates = [first, wallMs - offsetAt(first, zone)].sort((a, b) => a - b);
  const exact = candidates.find((c) => utcToLocalInput(new Date(c), zone) === `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}` && new Date(c).getUTCSeconds() === s);
  return new Date(exact ?? Math.max(...candidates));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The instant as the zone's wall clock, in the format of <input type="datetime-local"> ("2026-12-01T23:59"). */
export function utcToLocalInput(instant: Date, zone: string): string {
  const w = wallClock(instant, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const peopleFormats = new Map<string, Intl.DateTimeFormat>();

/** For people: "1 Dec 2026, 23:59 GMT+9" / "2026年12月1日 23:59 JST", in the cohort's zone. */
export function formatInZone(instant: Date, zone: string, locale: Locale): string {
  // One formatter per zone and language: building one costs far more than formatting, and a gradebook formats thousands.
  const key = `${locale} ${zone}`;
  let f = peopleFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
      timeZone: zone,
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    peopleFormats.set(key, f);
  }
  return f.format(instant);
}
