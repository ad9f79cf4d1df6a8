// npm run admin:create -- --email you@school.example --password '…' [--name 'Your Name']
import { parseArgs } from "node:util";
import { createDb } from "../app/_server/db/client";
import { describeDatabaseError } from "../app/_server/db/errors";
import { migrate } from "../app/_server/db/migrate";
import { ConfigError, databaseTarget } from "../app/_server/env";
import { AppError } from "../app/_server/errors";
import { createOrPromoteAdmin } from "../app/_server/users";

const { values } = parseArgs({
  options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
});
if (!values.email || !values.password) {
  console.error("Usage: npm run admin:create -- --email you@school.example --password 'a long password' [--name 'Your Name']");
  process.exit(2);
}

let target;
try {
  target = databaseTarget();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
try {
  await migrate(target);
  const db = await createDb(target);
  try {
    const { user, created } = await createOrPromoteAdmin(db, { email: values.email, password: values.password, displayName: values.name });
    console.log(created ? `Created admin ${user.email}.` : `${user.email} already existed: it is now an admin, with the new password.`);
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  if (error instanceof AppError) {
    const fields = Object.values(error.fieldErrors).map((t) => t.en);
    console.error(fields.length ? fields.join(" ") : error.text.en);
    process.exit(1);
  }
  const line = describeDatabaseError(error, target);
  if (!line) throw error;
  console.error(line);
  process.exit(1);
}
