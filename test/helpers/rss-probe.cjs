// Preloaded into a CLI run by the resource tests: writes the process's peak resident memory (KiB,
// worker threads included) to the file named by MINIVET_TEST_RSS_FILE when it exits.
const { writeFileSync } = require('node:fs');
const target = process.env.MINIVET_TEST_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
