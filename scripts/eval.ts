// npm run eval [-- --part dev|frozen|all] [--misses] [--json]
// Prints per-filter balanced accuracy, precision, recall and evidence agreement on the blind corpus,
// then every miss (what the filter said against what the labeller wrote).
import { FILTER_RULE_IDS } from '../src/core';
import { scorePart, type Part } from '../test/judgment/evaluate';

const args = process.argv.slice(2);
const partArg = args[args.indexOf('--part') + 1];
const parts: Part[] = args.includes('--part') && partArg !== 'all' ? [partArg as Part] : ['dev', 'frozen'];
const showMisses = args.includes('--misses');
const fixed = (value: number) => value.toFixed(2);

const summary: Record<string, Record<string, number>> = {};
for (const part of parts) {
  const scores = scorePart(part);
  console.log(`\n${part} part`);
  console.log('filter     balanced-acc  precision  recall  evidence-agrees  TP  FP  TN  FN');
  for (const id of FILTER_RULE_IDS) {
    const s = scores[id];
    summary[`${part}.${id}`] = { balancedAccuracy: Number(fixed(s.balancedAccuracy)) };
    console.log(
      `${id.padEnd(10)} ${fixed(s.balancedAccuracy).padStart(12)}  ${fixed(s.precision).padStart(9)}  ${fixed(s.recall).padStart(6)}  ${fixed(s.evidenceAgreement).padStart(15)}  ` +
        `${String(s.truePositives).padStart(3)} ${String(s.falsePositives).padStart(3)} ${String(s.trueNegatives).padStart(3)} ${String(s.falseNegatives).padStart(3)}`,
    );
  }
  if (showMisses) {
    for (const id of FILTER_RULE_IDS) {
      for (const miss of scores[id].misses) {
        console.log(`  ${id} ${miss.expected ? 'missed' : 'false pass'} ${part}/${miss.file}\n      tool:  ${miss.said}\n      label: ${miss.label}`);
      }
    }
  }
}
if (args.includes('--json')) console.log(JSON.stringify(summary));
