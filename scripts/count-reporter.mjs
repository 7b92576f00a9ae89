// A node:test reporter that counts passed, failed and skipped tests (suites excluded) and writes
// them as one JSON line, so scripts/test.mjs can total every tier in its closing line.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    if (data.skip || data.todo) counts.skipped += 1;
    else if (event.type === 'test:pass') counts.passed += 1;
    else {
      counts.failed += 1;
      counts.failures.push(`${data.file ?? ''} › ${data.name}`);
    }
  }
  yield `${JSON.stringify(counts)}\n`;
}
