import ivm from "isolated-vm";
import type { GuestReply, GuestRequest } from "./guest/protocol";
import { GUEST_ENTRY_GLOBAL } from "./guest/protocol";

/**
 * Warm isolates for one grader child. An isolate is expensive (~ms) and a context cheap, so isolates are kept and
 * reused, while every submission gets a fresh context with the guest runtime already run in it. An isolate is thrown
 * away after any error in a run and after `maxUses` runs, so nothing a submission did to it can outlive it for long.
 * Lives only inside a grader child process (see graders/supervisor): V8 cannot recover from some out-of-memory states.
 */
export interface PoolOptions {
  guestScript: string;
  /** Isolates kept warm per memory size (the default size gets this many; others get one). */
  warmPerSize?: number;
  defaultMemoryMb?: number;
  maxUses?: number;
}

type Dispatch = ivm.Reference<(req: GuestRequest) => GuestReply>;

interface WarmIsolate {
  isolate: ivm.Isolate;
  script: ivm.Script;
  memoryMb: number;
  uses: number;
  /** The next fresh context, prepared while the grader is idle. */
  next: Promise<PreparedContext | undefined>;
}

export interface PreparedContext {
  warm: WarmIsolate;
  context: ivm.Context;
  dispatch: Dispatch;
}

/** Guest setup is our own code; it gets a generous limit that only a broken isolate can exceed. */
const SETUP_TIMEOUT_MS = 2_000;

/**
 * An isolate is reused only if what is still allocated in it after its context is released (garbage not yet
 * collected included: there is no GC to call) leaves the next submission most of its limit: at most half the limit
 * in heap, a quarter in array buffers. Tighter figures retired isolates after a dozen ordinary softmax submissions
 * (each fresh context leaves ~1 MB of garbage) and cost as much as a fresh isolate per submission.
 */
function leftRoom(isolate: ivm.Isolate, memoryMb: number): boolean {
  try {
    const s = isolate.getHeapStatisticsSync();
    const limit = memoryMb * 1024 * 1024;
    return s.used_heap_size <= limit / 2 && s.externally_allocated_size <= limit / 4;
  } catch {
    return false;
  }
}

export class IsolatePool {
  private readonly idle: WarmIsolate[] = [];
  private readonly warmPerSize: number;
  private readonly defaultMemoryMb: number;
  private readonly maxUses: number;

  constructor(private readonly options: PoolOptions) {
    this.warmPerSize = options.warmPerSize ?? 2;
    this.defaultMemoryMb = options.defaultMemoryMb ?? 64;
    this.maxUses = options.maxUses ?? 50;
  }

  /** Creates the default-size isolates now, so the first submission finds them warm. */
  async warmUp(): Promise<void> {
    while (this.countIdle(this.defaultMemoryMb) < this.warmPerSize) this.idle.push(this.createWarm(this.defaultMemoryMb));
    await Promise.all(this.idle.map((w) => w.next));
  }

  async acquire(memoryMb: number): Promise<PreparedContext> {
    for (;;) {
      const i = this.idle.findIndex((w) => w.memoryMb === memoryMb);
      const warm = i >= 0 ? this.idle.splice(i, 1)[0]! : this.createWarm(memoryMb);
      const prepared = await warm.next;
      if (prepared) return prepared;
      this.dispose(warm);
      if (i < 0) throw new Error(`Could not prepare an isolate of ${memoryMb} MB for the sandbox`);
    }
  }

  /** Returns the isolate after a run; `dirty` (any error in the run) retires it. */
  release(prepared: PreparedContext, dirty: boolean): void {
    const { warm } = prepared;
    prepared.dispatch.release();
    prepared.context.release();
    warm.uses++;
    // Nothing a submission starts can outlive it in the isolate: FinalizationRegistry, WeakRef, Atomics and
    // WebAssembly are gone from the guest, microtasks are drained at the end of every hop, and a run that hit a limit
    // or failed marks it dirty. What memory it still holds is checked here.
    if (dirty || warm.uses >= this.maxUses || warm.isolate.isDisposed || !leftRoom(warm.isolate, warm.memoryMb)) {
      this.dispose(warm);
    } else {
      warm.next = this.prepare(warm);
      this.idle.push(warm);
    }
    this.replenish(warm.memoryMb);
  }

  close(): void {
    for (const w of this.idle.splice(0)) this.dispose(w);
  }

  private countIdle(memoryMb: number): number {
    return this.idle.filter((w) => w.memoryMb === memoryMb).length;
  }

  private replenish(memoryMb: number): void {
    const target = memoryMb === this.defaultMemoryMb ? this.warmPerSize : 1;
    // Other sizes are rare (one exercise each); keep at most a few of them around.
    const others = this.idle.filter((w) => w.memoryMb !== this.defaultMemoryMb);
    if (others.length > 2) {
      const oldest = others[0]!;
      this.idle.splice(this.idle.indexOf(oldest), 1);
      this.dispose(oldest);
    }
    while (this.countIdle(memoryMb) < target) this.idle.push(this.createWarm(memoryMb));
  }

  private createWarm(memoryMb: number): WarmIsolate {
    const isolate = new ivm.Isolate({ memoryLimit: memoryMb });
    // Compiled once per isolate, run in every fresh context. Never from or to cached data.
    // The wrapper hands the dispatcher over as the script's value and removes the global in the same hop, so the
    // learner's code can never find it and a context costs one hop to prepare.
    const source =
      `(function () {\n${this.options.guestScript}\n;const d = globalThis[${JSON.stringify(GUEST_ENTRY_GLOBAL)}];\n` +
      `delete globalThis[${JSON.stringify(GUEST_ENTRY_GLOBAL)}];\nreturn d;\n})()`;
    const script = isolate.compileScriptSync(source, { filename: "ml-dojo-guest.js" });
    const warm: WarmIsolate = { isolate, script, memoryMb, uses: 0, next: Promise.resolve(undefined) };
    warm.next = this.prepare(warm);
    return warm;
  }

  private async prepare(warm: WarmIsolate): Promise<PreparedContext | undefined> {
    try {
      const context = await warm.isolate.createContext();
      const dispatch = (await warm.script.run(context, { timeout: SETUP_TIMEOUT_MS, reference: true })) as Dispatch;
      if (dispatch.typeof !== "function") throw new Error("the guest script did not install its dispatcher");
      return { warm, context, dispatch };
    } catch {
      return undefined;
    }
  }

  private dispose(warm: WarmIsolate): void {
    if (!warm.isolate.isDisposed) {
      try {
        warm.isolate.dispose();
      } catch {
        // already gone
      }
    }
  }
}
