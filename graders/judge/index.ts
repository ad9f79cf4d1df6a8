export { assembleVerdict, platformErrorVerdict, scoreOf } from "./assemble";
export { freshCopy, judgeCase, judgeFailedCall, notRunCase } from "./judge-case";
export { judgeRun, RunnerFault } from "./judge-run";
export type { RunIds } from "./judge-run";
export { judgeRunError, positionText } from "./run-errors";
export type { JudgeHooks, JudgeSettings, PreparedCase } from "./types";
