import { existsSync, mkdirSync, promises as fs, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, homedir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import packageJson from '../../package.json';
// Only light modules are imported here. The parser and rules live in ./engine, loaded on the first cache miss.
import { CACHE_SCHEMA, ResultCache, StringInterner, builtEngineHash, configFingerprint, sha256, type CachedResult } from './cache';
import type { ResolvedConfig } from '../core/config';
import { CONFIG_FILE_NAME, DEFAULT_STORIES_GLOB } from '../core/defaults';
import type * as EngineModule from './engine';
import type * as McpModule from './mcp';
import type { ConfigProblemEntry, ConfigSource, WorkerJob, WorkerReply, WorkerSetup } from './engine';
import { runExport } from './export';
import { findMarkdownFiles, readStoryFileSync } from './files';
import { COLORS, NO_COLORS, buildReport, hasErrors, toText, writeJson, type BankError, type ReportStory } from './report';

const PARALLEL_THRESHOLD = 200;
const PROGRESS_THRESHOLD = 200;

const USAGE = `Usage: storybank <command> [paths...] [options]

Commands:
  check [paths...]     lint stories and show coverage (default path: .)
  coverage [paths...]  show only the coverage table
  export [paths...]    write cheat-sheet.md, cheat-sheet.html and coverage.csv into --out <dir>
  mcp --root <folder>  serve the bank to AI assistants over MCP (stdio); see storybank mcp --help

Options:
  --format text|json   output format (default: text)
  --profile <id>       question profile (default: from .storybank.yaml, else netflix-pm)
  --config <file>      configuration file (default: nearest .storybank.yaml)
  --evidence           text: under each story, the words that passed each filter
  --no-color           plain text output
  --no-cache           check every story again instead of reusing results of unchanged ones
  --cache-dir <dir>    where results are cached (default: $XDG_CACHE_HOME/story-bank or ~/.cache/story-bank)
  --jobs <n>           worker threads for checking (default: one per core, for more than ${PARALLEL_THRESHOLD} stories)
  --out <dir>          export: the folder to write to (existing files are never replaced without --force)
  --force              export: replace existing files
  -h, --help           show this help
`;

class UsageError extends Error {}

export async function main(
  argv: string[],
  io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream } = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  // The MCP server is a bundle of its own (dist/mcp.js), loaded only here: check never parses the MCP SDK.
  if (argv[0] === 'mcp') {
    const mcpFile = BUNDLED ? path.join(__dirname, 'mcp.js') : path.join(__dirname, 'mcp.ts');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a computed path, loaded on demand
    return (require(mcpFile) as typeof McpModule).runMcp(argv.slice(1), io.stderr);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        profile: { type: 'string' },
        config: { type: 'string' },
        color: { type: 'boolean' },
        evidence: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        cache: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        'cache-dir': { type: 'string' },
        jobs: { type: 'string' },
        stats: { type: 'boolean' },
        out: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr.write(`storybank: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...paths] = positionals;
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    if (command === 'export') {
      const source = await findConfig(paths.length ? paths : ['.'], values.config, values.profile);
      const engine = () => ({
        resolve: () => loadEngine().resolveBankConfig(source),
        build: (files: { path: string; text: string }[], config: ResolvedConfig) => loadEngine().bankCheatSheet(files, config),
      });
      return await runExport(paths.length ? paths : ['.'], values.out, values.force === true, engine, io);
    }
    if (command !== 'check' && command !== 'coverage') throw new UsageError(`unknown command "${command}"`);
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64))
      throw new UsageError(`--jobs must be a whole number from 1 to 64, not "${values.jobs}"`);
    const inputs = paths.length ? paths : ['.'];
    const started = performance.now();
    const source = await findConfig(inputs, values.config, values.profile);
    const errors: BankError[] = [];
    const useCache = values['no-cache'] ? false : (values.cache ?? true);
    const { config, stories, stats } = await checkBank(inputs, source, errors, io.stderr, { useCache, cacheDir: values['cache-dir'], jobs });
    const report = buildReport(config, stories, errors);
    if (values.format === 'json') {
      writeJson(report, (chunk) => io.stdout.write(chunk));
    } else {
      const useColor = values['no-color'] ? false : (values.color ?? (io.stdout.isTTY === true && !process.env.NO_COLOR));
      const text = toText(command === 'coverage' ? { ...report, stories: report.stories.map(withoutFindings) } : report, useColor ? COLORS : NO_COLORS, {
        evidence: values.evidence === true && command === 'check',
      });
      io.stdout.write(text);
    }
    if (values.stats) {
      const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
      io.stderr.write(`storybank stats: ${JSON.stringify({ ...stats, ms: Math.round(performance.now() - started), maxRssMB })}\n`);
    }
    return hasErrors(report) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`storybank: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr.write(`storybank: ${(error as Error).message}\n`);
    return 2;
  }
}

function withoutFindings(story: ReportStory): ReportStory {
  return { ...story, result: { ...story.result, findings: [] } };
}

/** The explicit --config, or the nearest .storybank.yaml above the first path; an unreadable one stops the run. */
async function findConfig(inputs: string[], explicit: string | undefined, profileId: string | undefined): Promise<ConfigSource> {
  const file = explicit ?? findConfigFile(inputs[0]);
  if (!file) return { file: undefined, text: undefined, profileId };
  try {
    return { file, text: await fs.readFile(file, 'utf8'), profileId };
  } catch (error) {
    throw new UsageError(`cannot read configuration ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function findConfigFile(start: string): string | undefined {
  let folder = path.resolve(start);
  if (!isDirectory(folder)) folder = path.dirname(folder);
  for (;;) {
    const candidate = path.join(folder, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (existsSync(path.join(folder, '.git'))) return undefined;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

// ---- the engine (parser and rules), loaded only when a story has to be checked ----

type Engine = typeof EngineModule;

/** True when running as the esbuild bundle (dist/cli.js) rather than from the TypeScript sources. */
const BUNDLED = __filename.endsWith('.js');

function engineFile(): string {
  return BUNDLED ? path.join(__dirname, 'check-worker.js') : path.join(__dirname, 'engine.ts');
}

let engine: Engine | undefined;
function loadEngine(): Engine {
  // A computed path, so that esbuild leaves the engine out of the light bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first cache miss
  return (engine ??= require(engineFile()) as Engine);
}

let codeHash: string | undefined;
/**
 * Package version, cache schema and a hash of the code that produces results: the engine bundle when built,
 * the TypeScript sources otherwise. Any change to a rule therefore invalidates cached results.
 */
function coreVersion(): string {
  if (!codeHash) {
    if (BUNDLED) {
      codeHash = builtEngineHash() ?? sha256(readFileSync(engineFile(), 'latin1'));
    } else {
      const sourceRoot = path.join(__dirname, '..');
      const files: string[] = [];
      const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
          const full = path.join(folder, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (entry.name.endsWith('.ts')) files.push(full);
        }
      };
      walk(sourceRoot);
      codeHash = sha256(
        files
          .sort()
          .map((file) => `${path.relative(sourceRoot, file)}\0${readFileSync(file, 'utf8')}`)
          .join('\0'),
      );
    }
  }
  return `${packageJson.version}+${CACHE_SCHEMA}+${codeHash.slice(0, 16)}`;
}

// ---- checking a bank ----

interface CheckOptions {
  useCache: boolean;
  cacheDir: string | undefined;
  /** --jobs; undefined lets the CLI decide. */
  jobs: number | undefined;
}

interface CheckStats {
  files: number;
  /** Files whose text was read: the others were known unchanged by their size, modification time and inode. */
  read: number;
  stories: number;
  cached: number;
  checked: number;
  jobs: number;
}

interface CacheMeta {
  config: ResolvedConfig;
  problems: ConfigProblemEntry[];
}

function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || (process.platform === 'win32' && process.env.LOCALAPPDATA) || path.join(homedir(), '.cache');
  return path.join(base, 'story-bank');
}

/** One cache file per bank: the absolute paths that were checked pick the file. */
function cacheFileFor(inputs: string[], cacheDir: string): string {
  const bank = sha256(JSON.stringify(inputs.map((input) => path.resolve(input)))).slice(0, 16);
  return path.join(cacheDir, `cli-cache-v1-${bank}.json`);
}

function loadCache(file: string | undefined, source: ConfigSource): ResultCache<CacheMeta> {
  const stamp = { coreVersion: coreVersion(), configFingerprint: configFingerprint(source) };
  if (!file) return new ResultCache<CacheMeta>(stamp);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    json = undefined; // missing or damaged: start empty
  }
  return ResultCache.fromJSON<CacheMeta>(json, stamp);
}

/** Size, modification time and inode, for the metadata check of the cache; undefined when the file cannot be read. */
function statOf(file: string): { size: number; mtimeMs: number; ino: number } | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino } : undefined;
  } catch {
    return undefined;
  }
}

/** Written to a temporary file and renamed, so a run that is killed never leaves half a cache behind. */
function saveCache(file: string, cache: ResultCache<CacheMeta>): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(cache.toJSON({ onlyUsed: true, savedAt: Date.now() })));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only makes the next run slower.
  }
}

/**
 * The configuration's `stories` globs, relative to its folder, decide which found files belong to the bank.
 * A file named on the command line, or outside the configuration's folder, is always checked.
 */
function storiesFilter(inputs: readonly string[], configFile: string | undefined, globs: readonly string[]): (file: string) => boolean {
  if (!configFile) return () => true;
  const root = path.dirname(path.resolve(configFile));
  const named = new Set(inputs.map((input) => path.resolve(input)));
  // The default glob takes every Markdown file, which is all the walk finds; only others need the engine's matcher.
  if (globs.length === 1 && globs[0] === DEFAULT_STORIES_GLOB) return () => true;
  const matches = loadEngine().storiesMatcher(globs);
  return (file) => {
    const absolute = path.resolve(file);
    const relative = path.relative(root, absolute);
    if (named.has(absolute) || relative.startsWith('..') || path.isAbsolute(relative)) return true;
    return matches(relative.split(path.sep).join('/'));
  };
}

async function checkBank(
  inputs: string[],
  source: ConfigSource,
  errors: BankError[],
  stderr: NodeJS.WriteStream,
  options: CheckOptions,
): Promise<{ config: ResolvedConfig; stories: ReportStory[]; stats: CheckStats }> {
  const walkErrors: BankError[] = [];
  const files = await findMarkdownFiles(inputs, (file, message) => walkErrors.push({ path: file, message }));
  const progress = new Progress(stderr, files.length, stderr.isTTY === true && files.length > PROGRESS_THRESHOLD);

  const cacheFile = options.useCache ? cacheFileFor(inputs, options.cacheDir ?? defaultCacheDir()) : undefined;
  const cache = loadCache(cacheFile, source);

  // Read every file that changed since the cache recorded it; errors stay per file, in file order.
  const readErrors: BankError[] = [];
  const texts: { file: string; key: string; text: string }[] = [];
  let stampHits = 0;
  for (const file of files) {
    const stat = options.useCache ? statOf(file) : undefined;
    const known = stat && cache.keyByStamp(file, stat);
    if (known) {
      texts.push({ file, key: known, text: '' });
      stampHits++;
      continue;
    }
    const outcome = readStoryFileSync(file);
    if (!outcome.ok) readErrors.push({ path: file, message: `This file ${outcome.message}.` });
    else {
      const key = ResultCache.keyOf(outcome.text);
      texts.push({ file, key, text: outcome.text });
      if (stat) cache.setStamp(file, { ...stat, key });
    }
  }

  const results: (CachedResult | undefined)[] = texts.map(({ key }) => (options.useCache ? cache.getByKey(key) : undefined));
  const missing = results.flatMap((result, index) => (result ? [] : [index]));
  progress.advance(texts.length - missing.length + readErrors.length);

  // Equal strings shared between results: a large bank's findings then take a fraction of the memory.
  const interner = new StringInterner();
  let meta = cache.meta;
  const cores = Math.max(1, availableParallelism());
  const jobs = options.jobs ?? (missing.length > PARALLEL_THRESHOLD ? Math.min(cores, Math.ceil(missing.length / 100)) : 1);
  let usedJobs = 0;
  if (missing.length > 0 && jobs > 1) {
    usedJobs = jobs;
    const pending = missing.map((index) => texts[index].text);
    for (const index of missing) texts[index].text = '';
    const outcome = await checkInWorkers(pending, jobs, source, (count) => progress.advance(count), interner);
    missing.forEach((index, position) => (results[index] = outcome.results[position]));
    meta ??= outcome.setup;
  } else if (missing.length > 0 || !meta) {
    const resolved = loadEngine().resolveBankConfig(source);
    if (!resolved.ok) throw new UsageError(resolved.usageError);
    meta = { config: resolved.config, problems: resolved.problems };
    if (missing.length > 0) usedJobs = 1;
    for (const index of missing) {
      results[index] = loadEngine().checkText(texts[index].text, meta.config);
      texts[index].text = '';
      progress.advance(1);
    }
  }
  progress.done();
  if (!meta) throw new Error('the configuration was not resolved');

  for (const result of results) interner.result(result!);

  // An unchanged bank leaves the cache file as it is: nothing new to store and nothing to prune.
  if (cacheFile && (missing.length > 0 || !cache.meta || cache.hasUnused() || cache.hasNewStamps)) {
    for (const index of missing) cache.setByKey(texts[index].key, results[index]!);
    cache.meta = meta;
    saveCache(cacheFile, cache);
  }

  errors.push(...meta.problems, ...walkErrors, ...readErrors);
  const inBank = storiesFilter(inputs, source.file, meta.config.stories);
  const stories: ReportStory[] = [];
  texts.forEach(({ file }, index) => {
    const result = results[index]!;
    if (result.isStory && inBank(file)) stories.push({ path: file, result });
  });
  return {
    config: meta.config,
    stories,
    stats: {
      files: files.length,
      read: files.length - stampHits,
      stories: stories.length,
      cached: texts.length - missing.length,
      checked: missing.length,
      jobs: usedJobs,
    },
  };
}

/**
 * A smaller young generation than V8's default: each worker's resident memory drops by tens of megabytes for
 * a few percent more time in garbage collection, which keeps a 5,000-story run well within 300 MB.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: Number(process.env.STORYBANK_YOUNG_MB ?? 16) };

/** Checks texts on worker threads that each load the engine bundle; results come back in input order. */
function checkInWorkers(
  texts: string[],
  jobs: number,
  source: ConfigSource,
  onProgress: (count: number) => void,
  interner: StringInterner,
): Promise<{ results: CachedResult[]; setup: CacheMeta }> {
  const BATCH = 8;
  const results: CachedResult[] = new Array(texts.length);
  const count = Math.min(jobs, Math.ceil(texts.length / BATCH));
  const workerData: WorkerSetup = { kind: 'storybank-check', config: source };
  // From the sources, the worker needs the TypeScript loader too (createRequire keeps esbuild from bundling it).
  const execArgv = BUNDLED ? [] : ['--require', createRequire(__filename).resolve('tsx/cjs')];
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let finished = 0;
    let setup: CacheMeta | undefined;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      workers.forEach((worker) => void worker.terminate());
      reject(error);
    };
    const send = (worker: Worker) => {
      if (next >= texts.length) return;
      const indexes: number[] = [];
      for (; next < texts.length && indexes.length < BATCH; next++) indexes.push(next);
      worker.postMessage({ indexes, texts: indexes.map((index) => texts[index]) } satisfies WorkerJob);
      // The worker has its own copy now; let this one go, so the main thread does not hold the whole bank.
      for (const index of indexes) texts[index] = '';
    };
    for (let n = 0; n < count; n++) {
      const worker = new Worker(engineFile(), { workerData, execArgv, resourceLimits: WORKER_LIMITS });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if ('setup' in reply) {
          if (!reply.setup.ok) return fail(new UsageError(reply.setup.usageError));
          setup ??= { config: reply.setup.config, problems: reply.setup.problems };
          // Two batches in flight per worker, so none waits on the main thread.
          send(worker);
          send(worker);
          return;
        }
        if ('fatal' in reply) return fail(new Error(reply.fatal));
        // Interned on arrival, so each structured-cloned copy of a repeated string can be collected right away.
        reply.indexes.forEach((index, position) => (results[index] = interner.result(reply.results[position])));
        finished += reply.indexes.length;
        onProgress(reply.indexes.length);
        if (finished === texts.length) {
          workers.forEach((each) => void each.terminate());
          resolve({ results, setup: setup! });
        } else {
          send(worker);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (finished < texts.length) fail(new Error(`a checking thread stopped early (exit code ${code})`));
      });
    }
  });
}

/** `Checking [#######-------------]  350/1000  35%` on one rewritten stderr line. */
class Progress {
  private doneCount = 0;
  private lastDrawn = -1;
  constructor(
    private readonly stderr: NodeJS.WriteStream,
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  advance(count: number): void {
    if (!this.enabled || count === 0) return;
    this.doneCount = Math.min(this.total, this.doneCount + count);
    const percent = Math.floor((this.doneCount / this.total) * 100);
    if (percent === this.lastDrawn) return;
    this.lastDrawn = percent;
    const width = 24;
    const filled = Math.round((percent / 100) * width);
    const count_ = String(this.doneCount).padStart(String(this.total).length);
    this.stderr.write(`\rChecking [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count_}/${this.total} ${String(percent).padStart(3)}%`);
  }

  done(): void {
    if (this.enabled) this.stderr.write(`\rChecked ${this.total} files.${' '.repeat(40)}\n`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`storybank: ${error?.stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
