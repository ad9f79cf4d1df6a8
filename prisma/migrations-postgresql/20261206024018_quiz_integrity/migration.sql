-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "assignmentId" TEXT,
ADD COLUMN     "credit" DOUBLE PRECISION NOT NULL DEFAULT 1,
ADD COLUMN     "shownOrder" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "variant" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "attemptDecay" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "maxAttempts" INTEGER NOT NULL DEFAULT 3;

-- CreateTable
CREATE TABLE "QuizReveal" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "quizItemId" TEXT NOT NULL,
    "variant" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizReveal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuizReveal_userId_quizItemId_variant_key" ON "QuizReveal"("userId", "quizItemId", "variant");

-- CreateIndex
CREATE INDEX "QuizAttempt_assignmentId_quizItemId_userId_idx" ON "QuizAttempt"("assignmentId", "quizItemId", "userId");

