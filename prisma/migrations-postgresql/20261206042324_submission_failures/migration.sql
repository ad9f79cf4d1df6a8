-- CreateTable
CREATE TABLE "FailureText" (
    "hash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "en" TEXT NOT NULL,
    "ja" TEXT NOT NULL,
    "visibility" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "FailureText_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "SubmissionFailure" (
    "submissionId" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,

    CONSTRAINT "SubmissionFailure_pkey" PRIMARY KEY ("submissionId","textHash")
);

-- CreateIndex
CREATE INDEX "SubmissionFailure_exerciseId_textHash_userId_idx" ON "SubmissionFailure"("exerciseId", "textHash", "userId");

-- AddForeignKey
ALTER TABLE "SubmissionFailure" ADD CONSTRAINT "SubmissionFailure_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

