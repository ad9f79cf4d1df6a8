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
-- The graders' heartbeat (its rows tell the other graders whose jobs to release after a crash), and the embedded
-- queue's table (unused on PostgreSQL; the verdict's transaction clears it on both providers).
GRANT SELECT, INSERT, UPDATE, DELETE ON "GradingJob", "GraderWorker" TO ml_dojo_grader;
-- The queue: graphile-worker's schema, installed by the web instances' migration step (npm start), never by a grader.
-- Its runner reads, locks, completes and fails jobs there, through its tables, sequences and functions. Run this file
-- again after an upgrade of graphile-worker that adds objects.
GRANT USAGE ON SCHEMA graphile_worker TO ml_dojo_grader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ml_dojo_grader;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA graphile_worker TO ml_dojo_grader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ml_dojo_grader;
-- graphile-worker enables row-level security on its private tables: without a policy the role sees no job at all.
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'graphile_worker' AND c.relkind = 'r' AND c.relrowsecurity LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'graphile_worker' AND tablename = t AND policyname = 'ml_dojo_grader') THEN
      EXECUTE format('CREATE POLICY ml_dojo_grader ON graphile_worker.%I TO ml_dojo_grader USING (true) WITH CHECK (true)', t);
    END IF;
  END LOOP;
END
$$;
-- A submission's code and seed to grade, and its verdict to store (no other columns).
-- (score and gradedAt: a regrade recomputes the learner's progress from their graded submissions.)
GRANT SELECT ("id", "userId", "exerciseId", "code", "seed", "status", "contentHash", "createdAt", "score", "gradedAt") ON "Submission" TO ml_dojo_grader;
GRANT UPDATE ("status", "score", "verdict", "gradingMs", "gradedAt", "gradeAttempts", "seed", "contentHash") ON "Submission" TO ml_dojo_grader;
-- Regrade jobs (app/_server/grading/regrade-job.ts): the exercise's current content version, the run's entries
-- (not the old verdicts they keep), and the run's end.
GRANT SELECT ("id", "contentHash") ON "Exercise" TO ml_dojo_grader;
GRANT SELECT ("id", "runId", "submissionId", "doneAt") ON "RegradeEntry" TO ml_dojo_grader;
GRANT UPDATE ("doneAt", "newStatus", "newScore") ON "RegradeEntry" TO ml_dojo_grader;
GRANT SELECT ("id", "finishedAt") ON "RegradeRun" TO ml_dojo_grader;
GRANT UPDATE ("finishedAt", "activeKey") ON "RegradeRun" TO ml_dojo_grader;
-- The learner's progress, updated with the verdict in the same transaction (counted exactly once).
GRANT SELECT, INSERT, UPDATE ON "ExerciseProgress" TO ml_dojo_grader;
-- The verdict's failure summary for cohort analytics, replaced in the same transaction (failure-summary.ts).
GRANT SELECT, INSERT ON "FailureText" TO ml_dojo_grader;
GRANT SELECT, INSERT, DELETE ON "SubmissionFailure" TO ml_dojo_grader;
