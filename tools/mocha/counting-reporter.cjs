// Spec output for people, plus a small JSON file of real counts so `npm test` can print one total line.
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const out = process.env.TROUPE_TEST_RESULT;
    // The failing tests' full titles and first error line, so the total at the end of `npm test` can name them
    // (a CI log is often read from its tail, far below the failure itself).
    const failed = [];
    // Written after every test, not only at the end, so a run that crashes midway still leaves its counts.
    const write = () => {
      if (!out) return;
      const { passes, failures, pending } = this.stats;
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, JSON.stringify({ passes, failures, pending, failed }));
    };
    const { EVENT_TEST_END, EVENT_TEST_FAIL, EVENT_RUN_END } = Mocha.Runner.constants;
    runner.on(EVENT_TEST_END, write);
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      const firstLine = String(error?.message ?? error).split('\n')[0].slice(0, 300);
      failed.push({ title: test.fullTitle(), file: test.file ? path.relative(process.cwd(), test.file) : undefined, error: firstLine });
      write();
    });
    runner.once(EVENT_RUN_END, write);
  }
}

module.exports = CountingReporter;
