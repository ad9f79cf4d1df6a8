export { compareClose, findNonFinite, flattenNumbers, isClose } from "./allclose";
export type { CloseReport, LeafMismatch, Tolerance } from "./allclose";
export { checkStructure, ndShape, shapeText } from "./structure";
export type { StructureIssue } from "./structure";
export { describeType, formatError, formatNumber, formatPath, formatValue } from "./format";
export type { Path } from "./format";
export { closeFailure, mismatchFailure, nonFiniteFact, nonFiniteMessage } from "./messages";
