import type { Db } from "../../app/_server/db/client";

/**
 * The database queries (model operations and raw SQL) one call makes, counted by a Prisma query extension: for the
 * gradebook benchmark and the test that its query count does not grow with the cohort.
 */
export async function countQueries(db: Db, run: (counted: Db) => Promise<unknown>): Promise<number> {
  let n = 0;
  const counted = db.$extends({
    query: {
      async $allOperations({ args, query }) {
        n++;
        return query(args);
      },
    },
  });
  // The extended client has the same model API; its type only differs by the extension.
  await run(counted as unknown as Db);
  return n;
}
