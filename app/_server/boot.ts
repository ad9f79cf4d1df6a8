import { loadCatalog } from "../../graders/exercise/catalog";
import { syncContent, type SyncReport } from "./content-sync";
import { createDb, type Db } from "./db/client";
import { migrate, type MigrateResult } from "./db/migrate";
import { backfillFailureSummaries } from "./failure-summary";
import type { DatabaseTarget } from "./env";
import { pruneRateLimits } from "./rate-limit";
import { ensureDemoAccounts, type DemoAccount } from "./users";

export interface BootReport {
  migrations: MigrateResult;
  sync: SyncReport;
  demoAccounts: DemoAccount[];
  /** Older graded submissions whose failure summaries this start wrote (0 once they all have one). */
  failureSummaries: { submissions: number; rows: number };
}

/**
 * What every start does before serving: apply migrations, mirror exercises/ into the database, create the demo
 * accounts the first time. Safe to run on several instances at once (migrations lock; sync is idempotent).
 */
export async function boot(target: DatabaseTarget, options: { contentRoot?: string; demoAccounts?: boolean } = {}): Promise<BootReport> {
  const migrations = await migrate(target);
  const db: Db = await createDb(target);
  try {
    const sync = await syncContent(db, loadCatalog(options.contentRoot));
    const demoAccounts = options.demoAccounts === false ? [] : await ensureDemoAccounts(db);
    // Submissions graded before failure summaries existed (analytics reads only the summaries); a no-op afterwards.
    const failureSummaries = await backfillFailureSummaries(db);
    await pruneRateLimits(db);
    return { migrations, sync, demoAccounts, failureSummaries };
  } finally {
    await db.$disconnect();
  }
}
