// `npm start`: builds if needed, checks the bundled example bank, then says what the check's exit status
// means. The bank keeps weak stories on purpose (one has a misspelt question id, an error), so
// `storybank check` exits 1 on it; npm start reports that instead of passing it off as success or failure.
// It exits 0 when the check ran and gave its verdict, and with the check's status when it could not run.
import { spawnSync } from 'node:child_process';

const BANK = 'examples/netflix-pm';

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const check = spawnSync(process.execPath, ['dist/cli.js', 'check', BANK], { stdio: 'inherit' });
const status = check.status ?? 2;
const meaning = {
  0: 'no finding is an error',
  1: 'at least one finding is an error (the example bank keeps weak stories on purpose)',
}[status];
console.log('');
if (meaning) {
  console.log(`storybank check ${BANK} exited ${status}: ${meaning}.`);
  console.log('That is the exit status CI would see on your own bank; npm start itself only reports it.');
  process.exit(0);
}
console.log(`storybank check ${BANK} could not run (exit ${status}).`);
process.exit(status);
