// Longer fuzzing: the properties of test/unit/fuzz.test.ts (and the corpus) with many more runs.
// Usage: npm run fuzz [-- --corpus]   (FUZZ_RUNS=20000 npm run fuzz for a deeper run; FUZZ_SEED to replay)
import Mocha from 'mocha';

process.env.FUZZ_RUNS ??= '5000';
const mocha = new Mocha({ timeout: 0, reporter: 'spec' });
mocha.addFile('test/unit/fuzz.test.ts');
if (process.argv.includes('--corpus')) mocha.addFile('test/unit/corpus.test.ts');
console.log(`Fuzzing with FUZZ_RUNS=${process.env.FUZZ_RUNS}${process.env.FUZZ_SEED ? `, FUZZ_SEED=${process.env.FUZZ_SEED}` : ''}`);
mocha.run((failures) => {
  process.exitCode = failures ? 1 : 0;
});
