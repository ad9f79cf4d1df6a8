-- CreateTable
CREATE TABLE "FailureText" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "en" TEXT NOT NULL,
    "ja" TEXT NOT NULL,
    "visibility" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "SubmissionFailure" (
    "submissionId" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,

    PRIMARY KEY ("submissionId", "textHash"),
    CONSTRAINT "SubmissionFailure_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SubmissionFailure_exerciseId_textHash_userId_idx" ON "SubmissionFailure"("exerciseId", "textHash", "userId");

