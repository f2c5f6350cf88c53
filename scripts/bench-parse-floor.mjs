// The parse floor for `npm run bench`: read every .md file under a folder and run remark().parse on it,
// nothing else. Run as its own node process so that it pays the same start-up cost as the CLIs it is compared with.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { remark } from 'remark';

const files = [];
const walk = (folder) => {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.md')) files.push(full);
  }
};
walk(process.argv[2]);
const processor = remark();
let nodes = 0;
for (const file of files.sort()) nodes += processor.parse(readFileSync(file, 'utf8')).children.length;
process.stdout.write(`${files.length} files, ${nodes} top-level nodes\n`);
