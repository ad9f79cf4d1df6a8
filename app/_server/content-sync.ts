import type { Catalog } from "../../graders/exercise/catalog";
import type { Db } from "./db/client";

/**
 * Mirrors exercises/ (topics, exercises, quiz items) into the database at start-up. Rows are keyed by id and
 * rewritten only when their content hash (or position) changed, so running it twice changes nothing. Content that
 * disappeared is marked inactive, never deleted: old submissions and attempts keep pointing at it, each with the
 * content hash it was graded against.
 */
export interface SyncCounts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
}

export interface SyncReport {
  topics: SyncCounts;
  exercises: SyncCounts;
  quizItems: SyncCounts;
  problems: Catalog["problems"];
}

function counts(): SyncCounts {
  return { created: 0, updated: 0, unchanged: 0, deactivated: 0 };
}

interface Existing {
  id: string;
  contentHash: string;
  order: number;
  active: boolean;
}

/** Decides per row: create, update or leave alone; and which existing rows to deactivate. */
async function mirror<T extends { id: string; contentHash: string; order: number }>(
  existing: Existing[],
  wanted: T[],
  tally: SyncCounts,
  write: { create(row: T): Promise<unknown>; update(row: T): Promise<unknown>; deactivate(ids: string[]): Promise<unknown> },
): Promise<void> {
  const byId = new Map(existing.map((e) => [e.id, e]));
  for (const row of wanted) {
    const old = byId.get(row.id);
    if (!old) {
      await write.create(row);
      tally.created++;
    } else if (old.contentHash !== row.contentHash || old.order !== row.order || !old.active) {
      await write.update(row);
      tally.updated++;
    } else {
      tally.unchanged++;
    }
  }
  const wantedIds = new Set(wanted.map((w) => w.id));
  const gone = existing.filter((e) => e.active && !wantedIds.has(e.id)).map((e) => e.id);
  if (gone.length > 0) {
    await write.deactivate(gone);
    tally.deactivated += gone.length;
  }
}

/** The quiz item's static part (functions of param-numeric items are dropped by JSON). */
function quizData(item: Catalog["quizItems"][number]["item"]): string {
  return JSON.stringify(item);
}

export async function syncContent(db: Db, catalog: Catalog): Promise<SyncReport> {
  const report: SyncReport = { topics: counts(), exercises: counts(), quizItems: counts(), problems: catalog.problems };
  const sel = { id: true, contentHash: true, order: true, active: true } as const;

  const topics = catalog.topics.map((t) => ({
    id: t.id,
    order: t.order,
    contentHash: t.contentHash,
    data: { order: t.order, titleEn: t.title.en, titleJa: t.title.ja, introEn: t.intro.en, introJa: t.intro.ja, contentHash: t.contentHash, active: true },
  }));
  await mirror(await db.topic.findMany({ select: sel }), topics, report.topics, {
    create: (t) => db.topic.create({ data: { id: t.id, ...t.data } }),
    update: (t) => db.topic.update({ where: { id: t.id }, data: t.data }),
    deactivate: (ids) => db.topic.updateMany({ where: { id: { in: ids } }, data: { active: false } }),
  });

  const exercises = catalog.exercises.map((e) => ({
    id: e.id,
    order: e.manifest.order,
    contentHash: e.contentHash,
    data: {
      topicId: e.topic,
      order: e.manifest.order,
      titleEn: e.manifest.title.en,
      titleJa: e.manifest.title.ja,
      difficulty: e.manifest.difficulty,
      mode: e.manifest.mode,
      contentHash: e.contentHash,
      active: true,
    },
  }));
  await mirror(await db.exercise.findMany({ select: sel }), exercises, report.exercises, {
    create: (e) => db.exercise.create({ data: { id: e.id, ...e.data } }),
    update: (e) => db.exercise.update({ where: { id: e.id }, data: e.data }),
    deactivate: (ids) => db.exercise.updateMany({ where: { id: { in: ids } }, data: { active: false } }),
  });

  const quizItems = catalog.quizItems.map((q) => ({
    id: q.id,
    order: q.order,
    contentHash: q.contentHash,
    data: { topicId: q.topic, order: q.order, type: q.item.type, data: quizData(q.item), contentHash: q.contentHash, active: true },
  }));
  await mirror(await db.quizItem.findMany({ select: sel }), quizItems, report.quizItems, {
    create: (q) => db.quizItem.create({ data: { id: q.id, ...q.data } }),
    update: (q) => db.quizItem.update({ where: { id: q.id }, data: q.data }),
    deactivate: (ids) => db.quizItem.updateMany({ where: { id: { in: ids } }, data: { active: false } }),
  });

  return report;
}

export function describeSync(report: SyncReport): string {
  const part = (name: string, c: SyncCounts) =>
    `${name} ${c.created + c.updated + c.unchanged} (${c.created} new, ${c.updated} updated${c.deactivated ? `, ${c.deactivated} retired` : ""})`;
  return [part("topics", report.topics), part("exercises", report.exercises), part("quiz items", report.quizItems)].join(", ");
}
