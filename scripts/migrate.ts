// npm run db:migrate: applies the committed migrations to the database of DATABASE_URL (or the embedded SQLite).
import { migrate } from "../app/_server/db/migrate";
import { describeDatabaseError } from "../app/_server/db/errors";
import { ConfigError, databaseTarget } from "../app/_server/env";

try {
  const target = databaseTarget();
  try {
    const result = await migrate(target);
    console.log(`${target.display}: ${result.applied.length} migration(s) applied${result.applied.length ? ` (${result.applied.join(", ")})` : ""}, ${result.alreadyApplied} already applied.`);
  } catch (error) {
    const line = describeDatabaseError(error, target);
    if (!line) throw error;
    console.error(line);
    process.exit(1);
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}
