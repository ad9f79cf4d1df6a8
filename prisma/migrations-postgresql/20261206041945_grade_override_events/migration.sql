-- CreateTable
CREATE TABLE "GradeOverrideEvent" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "oldScore" DOUBLE PRECISION,
    "newScore" DOUBLE PRECISION,
    "comment" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GradeOverrideEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GradeOverrideEvent_assignmentId_itemId_userId_createdAt_idx" ON "GradeOverrideEvent"("assignmentId", "itemId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "GradeOverrideEvent_userId_createdAt_idx" ON "GradeOverrideEvent"("userId", "createdAt");

