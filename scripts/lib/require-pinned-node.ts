// Imported first by the entry scripts, so that the check runs before any native module is loaded.
import { nodeRuntimeProblem } from "./node-runtime";

const problem = nodeRuntimeProblem();
if (problem) {
  console.error(`ml-dojo: ${problem}`);
  process.exit(1);
}
