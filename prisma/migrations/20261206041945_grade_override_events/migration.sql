-- CreateTable
CREATE TABLE "GradeOverrideEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "oldScore" REAL,
    "newScore" REAL,
    "comment" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "GradeOverrideEvent_assignmentId_itemId_userId_createdAt_idx" ON "GradeOverrideEvent"("assignmentId", "itemId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "GradeOverrideEvent_userId_createdAt_idx" ON "GradeOverrideEvent"("userId", "createdAt");

