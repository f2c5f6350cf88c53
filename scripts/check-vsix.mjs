// Checks a built .vsix: at most 3 MB (the part-of-speech model is most of it), and only the files the extension ships (see .vscodeignore).
// Usage: node scripts/check-vsix.mjs dist/story-bank.vsix
import { readFileSync, statSync } from 'node:fs';

const MAX_BYTES = 3 * 1024 * 1024;
const REQUIRED = [
  'extension/package.json', 'extension/dist/extension.js', 'extension/dist/wink-nlp.js', 'extension/dist/wink-model.js', 'extension/snippets/markdown.json', 'extension/media/story-bank.svg',
  'extension/README.md', 'extension/CHANGELOG.md',
  // Open Example Bank copies these out of the installed extension.
  'extension/examples/netflix-pm/.storybank.yaml', 'extension/examples/netflix-pm/README.md',
];
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/dist\/(?:extension|wink-nlp|wink-model)\.js$/,
  /^extension\/dist\/rules\/[a-z-]+\.md$/,
  /^extension\/media\/[^/]+$/,
  /^extension\/snippets\/[^/]+\.json$/,
  /^extension\/examples\/netflix-pm\/(\.storybank\.yaml|README\.md|[a-z0-9-]+\.md)$/,
  /^extension\/(readme|changelog)\.md$/i, // vsce lower-cases these two
  /^extension\/LICENSE(\.txt)?$/,
];

/** Entry names from a zip's central directory. */
export function zipEntries(buffer) {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    names.push(buffer.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

export function checkVsix(path) {
  const problems = [];
  const size = statSync(path).size;
  if (size > MAX_BYTES) problems.push(`${path} is ${size} bytes, over the ${MAX_BYTES}-byte budget`);
  const names = zipEntries(readFileSync(path));
  for (const name of names) if (!ALLOWED.some((pattern) => pattern.test(name))) problems.push(`unexpected file in the package: ${name}`);
  for (const name of REQUIRED) if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) problems.push(`missing from the package: ${name}`);
  return { size, names, problems };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: node scripts/check-vsix.mjs <file.vsix>');
    process.exit(2);
  }
  const { size, names, problems } = checkVsix(path);
  for (const name of names) console.log(`  ${name}`);
  console.log(`${path}: ${names.length} files, ${(size / 1024).toFixed(1)} KiB`);
  for (const problem of problems) console.error(`error: ${problem}`);
  process.exit(problems.length > 0 ? 1 : 0);
}
