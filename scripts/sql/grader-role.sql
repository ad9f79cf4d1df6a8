-- A PostgreSQL role for standalone graders (npm run grader): it reaches the grading queue and what grading needs,
-- nothing else: no users, password hashes, sessions, cohorts or quiz keys. Run it as the database owner in the
-- app's database, then give the role a password:
--   psql "$DATABASE_URL" -f scripts/sql/grader-role.sql
--   psql "$DATABASE_URL" -c "ALTER ROLE ml_dojo_grader LOGIN PASSWORD '...'"
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ml_dojo_grader') THEN
    CREATE ROLE ml_dojo_grader NOLOGIN;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO ml_dojo_grader;
-- The queue and the graders' heartbeat.
GRANT SELECT, INSERT, UPDATE, DELETE ON "GradingJob", "GraderWorker" TO ml_dojo_grader;
-- A submission's code and seed to grade, and its verdict to store (no other columns).
GRANT SELECT ("id", "userId", "exerciseId", "code", "seed", "status", "contentHash", "createdAt") ON "Submission" TO ml_dojo_grader;
GRANT UPDATE ("status", "score", "verdict", "gradingMs", "gradedAt", "gradeAttempts") ON "Submission" TO ml_dojo_grader;
-- The learner's progress, updated with the verdict in the same transaction (counted exactly once).
GRANT SELECT, INSERT, UPDATE ON "ExerciseProgress" TO ml_dojo_grader;
