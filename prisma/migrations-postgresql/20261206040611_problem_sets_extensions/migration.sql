-- CreateTable
CREATE TABLE "AssignmentItem" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "kind" "AssignmentKind" NOT NULL,
    "exerciseId" TEXT,
    "topicId" TEXT,
    "points" INTEGER NOT NULL DEFAULT 10,
    "position" INTEGER NOT NULL,

    CONSTRAINT "AssignmentItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssignmentExtension" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "latePolicy" "LatePolicy",
    "penaltyPerDay" DOUBLE PRECISION,
    "grantedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssignmentExtension_pkey" PRIMARY KEY ("id")
);

-- Data (hand-written): every one-item assignment keeps its id (quiz answers name it), gets the title of its
-- exercise or topic, and one item (points 10, position 0), before the old columns are dropped.
ALTER TABLE "Assignment" ADD COLUMN     "title" TEXT;
UPDATE "Assignment" a SET "title" = COALESCE(
  CASE WHEN a."kind" = 'EXERCISE' THEN (SELECT e."titleEn" FROM "Exercise" e WHERE e."id" = a."exerciseId")
       ELSE (SELECT t."titleEn" FROM "Topic" t WHERE t."id" = a."topicId") END,
  a."exerciseId", a."topicId", a."id");
ALTER TABLE "Assignment" ALTER COLUMN "title" SET NOT NULL;
INSERT INTO "AssignmentItem" ("id", "assignmentId", "kind", "exerciseId", "topicId", "points", "position")
SELECT "id" || '_item0', "id", "kind", "exerciseId", "topicId", 10, 0 FROM "Assignment";

-- DropForeignKey
ALTER TABLE "Assignment" DROP CONSTRAINT "Assignment_exerciseId_fkey";

-- DropForeignKey
ALTER TABLE "Assignment" DROP CONSTRAINT "Assignment_topicId_fkey";

-- DropIndex
DROP INDEX "Assignment_cohortId_exerciseId_key";

-- DropIndex
DROP INDEX "Assignment_cohortId_topicId_key";

-- AlterTable
ALTER TABLE "Assignment" DROP COLUMN "exerciseId",
DROP COLUMN "kind",
DROP COLUMN "topicId";

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

-- AddForeignKey
ALTER TABLE "AssignmentItem" ADD CONSTRAINT "AssignmentItem_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentItem" ADD CONSTRAINT "AssignmentItem_exerciseId_fkey" FOREIGN KEY ("exerciseId") REFERENCES "Exercise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentItem" ADD CONSTRAINT "AssignmentItem_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentExtension" ADD CONSTRAINT "AssignmentExtension_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentExtension" ADD CONSTRAINT "AssignmentExtension_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentExtension" ADD CONSTRAINT "AssignmentExtension_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

