// Preloaded into a CLI run by the resource tests and the corpus bench: writes the process's peak
// resident memory (KiB) and CPU time (µs, user + system), worker threads included, as JSON to the
// file named by MINIVET_TEST_RSS_FILE when it exits.
const { writeFileSync } = require('node:fs');
const target = process.env.MINIVET_TEST_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime }));
  });
}
