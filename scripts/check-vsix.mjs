// Checks a built .vsix: at most 3 MB (the part-of-speech model is most of it), only the files the extension ships
// (see .vscodeignore), and every link inside it: a relative link resolves to a file in the package, a web link
// points at the declared repository (and, for a file there, at one that exists in this checkout), and a
// command link names a contributed command. Usage: node scripts/check-vsix.mjs dist/story-bank.vsix
import { existsSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const MAX_BYTES = 3 * 1024 * 1024;
const REQUIRED = [
  'extension/package.json',
  'extension/dist/extension.js',
  // The core, loaded on the first check (scripts/lazy-core.mjs).
  'extension/dist/core.js',
  'extension/dist/wink-nlp.js',
  'extension/dist/wink-model.js',
  'extension/snippets/markdown.json',
  'extension/media/story-bank.svg',
  'extension/README.md',
  'extension/CHANGELOG.md',
  // The MCP server offered to agent mode, and the .storybank.yaml schema contributed to YAML validation.
  'extension/dist/mcp.js',
  'extension/schemas/storybank.schema.json',
  'extension/media/icon.png',
  // Open Example Bank copies these out of the installed extension.
  'extension/examples/netflix-pm/.storybank.yaml',
  'extension/examples/netflix-pm/README.md',
];
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/dist\/(?:extension|core|wink-nlp|wink-model|mcp)\.js$/,
  /^extension\/schemas\/storybank\.schema\.json$/,
  /^extension\/dist\/rules\/[a-z-]+\.md$/,
  /^extension\/media\/[^/]+$/,
  /^extension\/snippets\/[^/]+\.json$/,
  /^extension\/examples\/netflix-pm\/(\.storybank\.yaml|README\.md|[a-z0-9-]+\.md)$/,
  /^extension\/(readme|changelog)\.md$/i, // vsce lower-cases these two
  /^extension\/LICENSE(\.txt)?$/,
];

/**
 * Links to other projects that are allowed anyway: the rule pages credit the libraries a rule is built on
 * (src/core/rules/*.md). Each is a project home page, never needed to use the extension.
 */
const CREDITS = new Set(['https://github.com/winkjs/wink-nlp', 'https://github.com/retextjs/retext-passive', 'https://github.com/retextjs/retext-intensify']);

/** Entry names from a zip's central directory. */
export function zipEntries(buffer) {
  return zipFiles(buffer).map((entry) => entry.name);
}

/** Each entry of a zip: its name and a function that returns its bytes. */
export function zipFiles(buffer) {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const read = () => {
      const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
      const data = buffer.subarray(start, start + compressedSize);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${name}: unsupported zip compression method ${method}`);
    };
    entries.push({ name, read });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Markdown links and images, HTML src/href attributes, and bare web addresses in a text. */
function linksIn(text) {
  const links = new Set();
  for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.add(match[1]);
  for (const match of text.matchAll(/\b(?:src|href)\s*=\s*"([^"]+)"/g)) links.add(match[1]);
  for (const match of text.matchAll(/https?:\/\/[^\s)<>"'`\]]+/g)) links.add(match[0].replace(/[.,;:]+$/, ''));
  return [...links];
}

/** Strings of package.json that are links or paths into the package. */
function manifestLinks(manifest) {
  const links = [];
  const walk = (value) => {
    if (typeof value === 'string') links.push(...linksIn(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest);
  const paths = [manifest.icon, manifest.main, manifest.browser];
  for (const container of manifest.contributes?.viewsContainers?.activitybar ?? []) paths.push(container.icon);
  for (const snippet of manifest.contributes?.snippets ?? []) paths.push(snippet.path);
  for (const schema of manifest.contributes?.yamlValidation ?? []) paths.push(schema.url);
  for (const walkthrough of manifest.contributes?.walkthroughs ?? []) {
    for (const step of walkthrough.steps ?? []) paths.push(step.media?.markdown, step.media?.image, step.media?.svg);
  }
  return [...links, ...paths.filter((path) => typeof path === 'string').map((path) => (path.startsWith('./') ? path : `./${path}`))];
}

/** Problems with the links inside the package (see the header); `repoRoot` is the checkout the repository links are checked against. */
export function checkLinks(files, repoRoot = '.') {
  const problems = [];
  const names = new Set(files.map((file) => file.name));
  const byLowerName = new Set(files.map((file) => file.name.toLowerCase()));
  const manifestFile = files.find((file) => file.name === 'extension/package.json');
  const manifest = manifestFile ? JSON.parse(manifestFile.read().toString('utf8')) : {};
  const repository = String(manifest.repository?.url ?? manifest.repository ?? '').replace(/\.git$/, '');
  if (!/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/.test(repository)) problems.push(`package.json: repository "${repository}" is not a GitHub repository URL`);
  const commands = new Set((manifest.contributes?.commands ?? []).map((command) => command.command));

  const check = (where, link) => {
    const target = link.split('#')[0].replace(/\.git$/, '');
    if (link.startsWith('#') || target === '') return;
    if (/^command:/.test(link)) {
      const id = decodeURIComponent(link.slice('command:'.length).split('?')[0]);
      if (id.startsWith('storyBank.') && !commands.has(id)) problems.push(`${where}: ${link} names a command the package does not contribute`);
      return;
    }
    if (/^https?:\/\//.test(link)) {
      if (CREDITS.has(target.replace(/\/$/, ''))) return;
      if (target !== repository && !target.startsWith(`${repository}/`) && !target.startsWith(`${repository}#`)) {
        problems.push(`${where}: ${link} points outside the declared repository (${repository})`);
        return;
      }
      const file = /^\/(?:blob|raw|tree)\/main\/(.+)$/.exec(target.slice(repository.length));
      if (file && !existsSync(posix.join(repoRoot, decodeURIComponent(file[1])))) {
        problems.push(`${where}: ${link} points at ${file[1]}, which is not in the repository`);
      }
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) {
      problems.push(`${where}: ${link} needs the network or another program`);
      return;
    }
    const resolved = posix.normalize(posix.join(posix.dirname(where), decodeURIComponent(target)));
    const folder = resolved.endsWith('/') ? resolved : `${resolved}/`;
    if (!names.has(resolved) && !byLowerName.has(resolved.toLowerCase()) && ![...names].some((name) => name.startsWith(folder))) {
      problems.push(`${where}: ${link} does not resolve to a file in the package`);
    }
  };

  for (const file of files) {
    if (file.name === 'extension/package.json') {
      for (const link of manifestLinks(manifest)) check(file.name, link);
    } else if (/\.(md|html)$/i.test(file.name)) {
      for (const link of linksIn(file.read().toString('utf8'))) check(file.name, link);
    }
  }
  return problems;
}

export function checkVsix(path) {
  const problems = [];
  const size = statSync(path).size;
  if (size > MAX_BYTES) problems.push(`${path} is ${size} bytes, over the ${MAX_BYTES}-byte budget`);
  const files = zipFiles(readFileSync(path));
  const names = files.map((file) => file.name);
  for (const name of names) if (!ALLOWED.some((pattern) => pattern.test(name))) problems.push(`unexpected file in the package: ${name}`);
  for (const name of REQUIRED) if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) problems.push(`missing from the package: ${name}`);
  problems.push(...checkLinks(files));
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
