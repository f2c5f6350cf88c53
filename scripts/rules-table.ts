// Prints the README's rules table from the rules' own meta: `npx tsx scripts/rules-table.ts`.
import { RULES } from '../src/core';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n+/g, '<br>');
console.log('| rule | checks | default | weak | stronger |');
console.log('|---|---|---|---|---|');
for (const rule of RULES) {
  const { description, defaultSeverity, examples } = rule.meta;
  console.log(`| \`${rule.id}\` | ${cell(description)} | ${defaultSeverity} | ${cell(examples.bad)} | ${cell(examples.good)} |`);
}
