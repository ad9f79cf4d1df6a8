-- CreateTable
CREATE TABLE "GradingJob" (
    "submissionId" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'QUEUED',
    "turn" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAfter" BIGINT NOT NULL,
    "leaseOwner" TEXT,
    "leaseUntil" BIGINT,
    "createdAt" BIGINT NOT NULL,
    CONSTRAINT "GradingJob_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GraderWorker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "slots" INTEGER NOT NULL,
    "busy" INTEGER NOT NULL,
    "seenAt" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "GradingJob_state_turn_createdAt_idx" ON "GradingJob"("state", "turn", "createdAt");

-- CreateIndex
CREATE INDEX "GradingJob_userId_state_idx" ON "GradingJob"("userId", "state");

