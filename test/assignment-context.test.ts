import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohortAs } from "../app/_server/admin";
import { learnerAssignments } from "../app/_server/assignment-context";
import { createAssignmentAs } from "../app/_server/assignments";
import { joinCohortAs } from "../app/_server/cohorts";
import { seedContent, seedPeople, type People } from "./cohorts-fixtures";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

describe.each(PROVIDERS)("the learner's assignment context on %s", (provider) => {
  let d: MigratedDatabase;
  let p: People;
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    p = await seedPeople(d.db);
    await seedContent(d.db);
  });
  afterAll(async () => {
    await d.drop();
  });

  it("shows the due date and policy of opened assignments in the learner's cohorts, and warns when a closed reject-late one will not count", async () => {
    const rejecting = await createCohortAs(d.db, p.owner.id, { name: "Rejecting" });
    const accepting = await createCohortAs(d.db, p.owner.id, { name: "Accepting" });
    const notMine = await createCohortAs(d.db, p.owner.id, { name: "Not mine" });
    await joinCohortAs(d.db, p.student.id, { code: rejecting.joinCode });
    await joinCohortAs(d.db, p.student.id, { code: accepting.joinCode });
    const window = { opensAt: "2026-12-01T09:00", dueAt: "2026-12-08T23:59" };
    await createAssignmentAs(d.db, p.owner.id, rejecting.id, { item: "exercise:softmax", ...window, latePolicy: "REJECT" });
    await createAssignmentAs(d.db, p.owner.id, accepting.id, { item: "exercise:softmax", ...window, latePolicy: "PENALTY", penaltyPercent: "10" });
    await createAssignmentAs(d.db, p.owner.id, notMine.id, { item: "exercise:softmax", ...window, latePolicy: "ACCEPT" });
    await createAssignmentAs(d.db, p.owner.id, accepting.id, { item: "quiz:softmax", ...window, latePolicy: "ACCEPT", maxAttempts: "4" });

    const before = await learnerAssignments(d.db, p.student.id, "EXERCISE", "softmax", new Date("2026-11-30T00:00:00Z"));
    expect(before).toEqual([]);
    const open = await learnerAssignments(d.db, p.student.id, "EXERCISE", "softmax", new Date("2026-12-05T00:00:00Z"));
    expect(open.map((a) => [a.cohortName, a.latePolicy, a.closed, a.willNotCount]).sort()).toEqual([
      ["Accepting", "PENALTY", false, false],
      ["Rejecting", "REJECT", false, false],
    ]);
    const late = await learnerAssignments(d.db, p.student.id, "EXERCISE", "softmax", new Date("2026-12-10T00:00:00Z"));
    expect(late.find((a) => a.cohortName === "Rejecting")).toMatchObject({ closed: true, willNotCount: true });
    expect(late.find((a) => a.cohortName === "Accepting")).toMatchObject({ closed: true, willNotCount: false, penaltyPerDay: 0.1 });
    const quiz = await learnerAssignments(d.db, p.student.id, "QUIZ", "softmax", new Date("2026-12-05T00:00:00Z"));
    expect(quiz).toHaveLength(1);
    expect(quiz[0]).toMatchObject({ cohortName: "Accepting", maxAttempts: 4 });
    expect(await learnerAssignments(d.db, p.student2.id, "EXERCISE", "softmax", new Date("2026-12-05T00:00:00Z"))).toEqual([]);
  });
});
