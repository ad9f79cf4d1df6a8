-- CreateTable
CREATE TABLE "QuizReveal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "quizItemId" TEXT NOT NULL,
    "variant" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_QuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "quizItemId" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "seed" INTEGER NOT NULL DEFAULT 0,
    "correct" BOOLEAN NOT NULL,
    "contentHash" TEXT NOT NULL,
    "shownOrder" TEXT NOT NULL DEFAULT '',
    "variant" INTEGER NOT NULL DEFAULT 0,
    "assignmentId" TEXT,
    "credit" REAL NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QuizAttempt_quizItemId_fkey" FOREIGN KEY ("quizItemId") REFERENCES "QuizItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_QuizAttempt" ("answer", "contentHash", "correct", "createdAt", "id", "quizItemId", "seed", "userId") SELECT "answer", "contentHash", "correct", "createdAt", "id", "quizItemId", "seed", "userId" FROM "QuizAttempt";
DROP TABLE "QuizAttempt";
ALTER TABLE "new_QuizAttempt" RENAME TO "QuizAttempt";
CREATE INDEX "QuizAttempt_assignmentId_quizItemId_userId_idx" ON "QuizAttempt"("assignmentId", "quizItemId", "userId");
CREATE INDEX "QuizAttempt_userId_quizItemId_createdAt_idx" ON "QuizAttempt"("userId", "quizItemId", "createdAt");
CREATE INDEX "QuizAttempt_quizItemId_idx" ON "QuizAttempt"("quizItemId");
CREATE TABLE "new_Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cohortId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "exerciseId" TEXT,
    "topicId" TEXT,
    "opensAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "latePolicy" TEXT NOT NULL DEFAULT 'ACCEPT',
    "penaltyPerDay" REAL NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "attemptDecay" REAL NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Assignment_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_exerciseId_fkey" FOREIGN KEY ("exerciseId") REFERENCES "Exercise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Assignment" ("cohortId", "createdAt", "dueAt", "exerciseId", "id", "kind", "latePolicy", "opensAt", "penaltyPerDay", "topicId") SELECT "cohortId", "createdAt", "dueAt", "exerciseId", "id", "kind", "latePolicy", "opensAt", "penaltyPerDay", "topicId" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE INDEX "Assignment_cohortId_dueAt_idx" ON "Assignment"("cohortId", "dueAt");
CREATE UNIQUE INDEX "Assignment_cohortId_exerciseId_key" ON "Assignment"("cohortId", "exerciseId");
CREATE UNIQUE INDEX "Assignment_cohortId_topicId_key" ON "Assignment"("cohortId", "topicId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "QuizReveal_userId_quizItemId_variant_key" ON "QuizReveal"("userId", "quizItemId", "variant");

