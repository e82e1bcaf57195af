// Preloaded into the scanned CLI process by the evaluation: writes the process's peak memory
// (resident set, KiB, worker threads included) to the file named by MINIVET_EVAL_RSS_FILE at exit.
const { writeFileSync } = require('node:fs');
const target = process.env.MINIVET_EVAL_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
