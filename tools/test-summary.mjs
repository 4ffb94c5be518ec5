// Adds up the JSON reports that jest and vitest wrote under dist/test-results and prints one closing line,
// "Tests: N passed, N failed, N skipped", for people and for CI.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = 'dist/test-results';
let files = [];
try {
  files = readdirSync(folder).filter((name) => name.endsWith('.json'));
} catch {
  // no report at all: the runners did not start
}
const total = { passed: 0, failed: 0, skipped: 0 };
for (const name of files) {
  const report = JSON.parse(readFileSync(join(folder, name), 'utf8'));
  total.passed += report.numPassedTests ?? 0;
  total.failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  total.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(
    `  ${name.replace(/\.json$/, '')}: ${report.numPassedTests ?? 0} passed, ${report.numFailedTests ?? 0} failed`,
  );
  // A skipped test says which, so that nobody mistakes a run without Redis for a full one.
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'pending' || test.status === 'skipped') console.log(`    skipped: ${test.fullName}`);
    }
  }
}
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
