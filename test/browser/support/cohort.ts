import type { Page } from "playwright-core";
import { localToUtc } from "../../../app/_server/time-zone";

export const DAY = 86_400_000;

/** "2026-12-01T09:00" in Asia/Tokyo (UTC+9 all year), for <input type="datetime-local">. */
export function tokyoLocal(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().slice(0, 16);
}

/** The instant a typed datetime-local value stands for in the cohort's zone, as the pages' <time dateTime> write it. */
export function instant(ms: number, zone: string): string {
  return localToUtc(tokyoLocal(ms), zone)!.toISOString();
}

export interface CreatedCohort {
  /** /instructor/cohorts/<id> */
  path: string;
  joinCode: string;
  /** The zone the cohort page states ("Times in …"), in which typed dates are read. */
  zone: string;
}

/** From /instructor (signed in as an instructor): creates a cohort through its form and lands on its page. */
export async function createCohort(page: Page, name: string): Promise<CreatedCohort> {
  await page.locator('[data-testid="create-cohort-form"] input[name="name"]').fill(name);
  await page.locator('[data-testid="create-cohort-form"] button[type="submit"]').click();
  await page.waitForURL((url) => /^\/instructor\/cohorts\/[^/]+$/.test(url.pathname));
  const joinCode = (await page.locator('[data-testid="join-code"]').innerText()).trim();
  const zone = (await page.locator("p", { hasText: /^Times in / }).first().innerText()).replace(/^Times in /, "").trim();
  return { path: new URL(page.url()).pathname, joinCode, zone };
}

/** A signed-in learner joins a cohort with its code. */
export async function joinCohort(page: Page, joinCode: string): Promise<void> {
  await page.goto(`/join/${joinCode}`);
  await page.locator('[data-testid="join-form"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === "/join" && url.searchParams.has("joined"));
}
