-- AlterTable
ALTER TABLE "GradingJob" ADD COLUMN "regradeRunId" TEXT;

-- CreateTable
CREATE TABLE "RegradeRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cohortId" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "activeKey" TEXT,
    "total" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "RegradeRun_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RegradeEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "oldStatus" TEXT NOT NULL,
    "oldScore" REAL,
    "oldVerdict" TEXT,
    "oldContentHash" TEXT NOT NULL,
    "newStatus" TEXT,
    "newScore" REAL,
    "doneAt" DATETIME,
    CONSTRAINT "RegradeEntry_runId_fkey" FOREIGN KEY ("runId") REFERENCES "RegradeRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RegradeRun_activeKey_key" ON "RegradeRun"("activeKey");

-- CreateIndex
CREATE INDEX "RegradeRun_cohortId_exerciseId_createdAt_idx" ON "RegradeRun"("cohortId", "exerciseId", "createdAt");

-- CreateIndex
CREATE INDEX "RegradeEntry_submissionId_doneAt_idx" ON "RegradeEntry"("submissionId", "doneAt");

-- CreateIndex
CREATE INDEX "RegradeEntry_runId_doneAt_idx" ON "RegradeEntry"("runId", "doneAt");

-- CreateIndex
CREATE UNIQUE INDEX "RegradeEntry_runId_submissionId_key" ON "RegradeEntry"("runId", "submissionId");

-- CreateIndex
CREATE INDEX "GradingJob_regradeRunId_state_idx" ON "GradingJob"("regradeRunId", "state");

