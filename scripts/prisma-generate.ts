// Generates the Prisma clients of both providers into app/_generated/ (ignored by git). Runs at postinstall.
import { generateClients } from "./lib/prisma-cli";

const started = Date.now();
await generateClients();
console.log(`ml-dojo: Prisma clients generated for SQLite and PostgreSQL (${Date.now() - started} ms)`);
