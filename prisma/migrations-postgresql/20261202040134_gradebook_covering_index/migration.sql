-- CreateIndex
CREATE INDEX "Submission_exerciseId_userId_status_createdAt_score_idx" ON "Submission"("exerciseId", "userId", "status", "createdAt", "score");

