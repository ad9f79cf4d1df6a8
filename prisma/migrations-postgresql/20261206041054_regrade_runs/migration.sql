-- AlterTable
ALTER TABLE "GradingJob" ADD COLUMN     "regradeRunId" TEXT;

-- CreateTable
CREATE TABLE "RegradeRun" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "activeKey" TEXT,
    "total" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RegradeRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegradeEntry" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "oldStatus" "SubmissionStatus" NOT NULL,
    "oldScore" DOUBLE PRECISION,
    "oldVerdict" TEXT,
    "oldContentHash" TEXT NOT NULL,
    "newStatus" "SubmissionStatus",
    "newScore" DOUBLE PRECISION,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "RegradeEntry_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "RegradeRun" ADD CONSTRAINT "RegradeRun_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegradeEntry" ADD CONSTRAINT "RegradeEntry_runId_fkey" FOREIGN KEY ("runId") REFERENCES "RegradeRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

