-- CreateTable
CREATE TABLE "AssignmentItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "exerciseId" TEXT,
    "topicId" TEXT,
    "points" INTEGER NOT NULL DEFAULT 10,
    "position" INTEGER NOT NULL,
    CONSTRAINT "AssignmentItem_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentItem_exerciseId_fkey" FOREIGN KEY ("exerciseId") REFERENCES "Exercise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssignmentItem_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssignmentExtension" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "latePolicy" TEXT,
    "penaltyPerDay" REAL,
    "grantedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AssignmentExtension_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentExtension_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentExtension_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cohortId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "opensAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "latePolicy" TEXT NOT NULL DEFAULT 'ACCEPT',
    "penaltyPerDay" REAL NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "attemptDecay" REAL NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Assignment_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Data (hand-written): every one-item assignment keeps its id (quiz answers name it) and gets the title of its
-- exercise or topic.
INSERT INTO "new_Assignment" ("attemptDecay", "cohortId", "createdAt", "dueAt", "id", "latePolicy", "maxAttempts", "opensAt", "penaltyPerDay", "title")
SELECT a."attemptDecay", a."cohortId", a."createdAt", a."dueAt", a."id", a."latePolicy", a."maxAttempts", a."opensAt", a."penaltyPerDay",
       COALESCE(CASE WHEN a."kind" = 'EXERCISE' THEN e."titleEn" ELSE t."titleEn" END, a."exerciseId", a."topicId", a."id")
FROM "Assignment" a
LEFT JOIN "Exercise" e ON e."id" = a."exerciseId"
LEFT JOIN "Topic" t ON t."id" = a."topicId";
-- Data (hand-written): the item of each old assignment is kept aside before its columns go. It cannot be inserted
-- into "AssignmentItem" here: the migration runs in a transaction, where PRAGMA foreign_keys=OFF has no effect, so
-- dropping the old table would cascade-delete the items.
CREATE TABLE "_AssignmentItemMigration" AS SELECT "id", "kind", "exerciseId", "topicId" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE INDEX "Assignment_cohortId_dueAt_idx" ON "Assignment"("cohortId", "dueAt");
INSERT INTO "AssignmentItem" ("id", "assignmentId", "kind", "exerciseId", "topicId", "points", "position")
SELECT "id" || '_item0', "id", "kind", "exerciseId", "topicId", 10, 0 FROM "_AssignmentItemMigration";
DROP TABLE "_AssignmentItemMigration";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AssignmentItem_exerciseId_idx" ON "AssignmentItem"("exerciseId");

-- CreateIndex
CREATE INDEX "AssignmentItem_topicId_idx" ON "AssignmentItem"("topicId");

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentItem_assignmentId_exerciseId_key" ON "AssignmentItem"("assignmentId", "exerciseId");

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentItem_assignmentId_topicId_key" ON "AssignmentItem"("assignmentId", "topicId");

-- CreateIndex
CREATE INDEX "AssignmentExtension_userId_idx" ON "AssignmentExtension"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentExtension_assignmentId_userId_key" ON "AssignmentExtension"("assignmentId", "userId");

