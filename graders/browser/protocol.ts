import type { LinalgHelper } from "../exercise/manifest";
import type { JudgeSettings, PreparedCase } from "../judge/types";
import type { Verdict } from "../verdict";

/**
 * What the server sends the page for the instant "Run": the visible cases as plain data, expected values (and
 * numeric gradients) already computed on the server. The reference solution never ships to the browser.
 */
export interface VisibleRunPayload {
  exerciseId: string;
  contentHash: string;
  exports: string[];
  helpers: LinalgHelper[];
  /** The exercise's driver as a function expression, for behavioral exercises. */
  driver?: string;
  /** The exercise's own diagnoses (cases.ts without hidden classes or the reference), as a CommonJS script. */
  diagnosis?: string;
  settings: JudgeSettings;
  cases: PreparedCase[];
}

export interface WorkerRequest {
  id: number;
  payload: VisibleRunPayload;
  code: string;
}

export type WorkerResponse =
  | { id: number; ok: true; verdict: Verdict }
  | { id: number; ok: false; message: string };
