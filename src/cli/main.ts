import { parseArgs } from 'node:util';
import type * as McpModule from './mcp';
import { ConfigError, checkBank } from './check-bank';
import { loadEngine, siblingFile } from './engine-loader';
import { runExport } from './export';
import { COLORS, NO_COLORS, hasErrors, recordReport, writeRecordedJson, writeText } from './report';
import { PARALLEL_THRESHOLD } from './worker-pool';

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
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a computed path, loaded on demand
    return (require(siblingFile('mcp')) as typeof McpModule).runMcp(argv.slice(1), io.stderr);
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
    const inputs = paths.length ? paths : ['.'];
    const configOptions = { explicitFile: values.config, profileId: values.profile };
    if (command === 'export') return await runExport(values.out, values.force === true, () => loadEngine().exportBank(inputs, configOptions), io);
    if (command !== 'check' && command !== 'coverage') throw new UsageError(`unknown command "${command}"`);
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64))
      throw new UsageError(`--jobs must be a whole number from 1 to 64, not "${values.jobs}"`);
    const started = performance.now();
    const useCache = values['no-cache'] ? false : (values.cache ?? true);
    const { config, stories, errors, stats, close } = await checkBank(inputs, io.stderr, { configOptions, useCache, cacheDir: values['cache-dir'], jobs });
    const report = recordReport(config, stories, errors);
    try {
      if (values.format === 'json') {
        writeRecordedJson(report, (chunk) => io.stdout.write(chunk));
      } else {
        const useColor = values['no-color'] ? false : (values.color ?? (io.stdout.isTTY === true && !process.env.NO_COLOR));
        const options = { evidence: values.evidence === true && command === 'check', findings: command !== 'coverage' };
        writeText(report, useColor ? COLORS : NO_COLORS, options, (chunk) => io.stdout.write(chunk));
      }
    } finally {
      close();
    }
    if (values.stats) {
      const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
      io.stderr.write(`storybank stats: ${JSON.stringify({ ...stats, ms: Math.round(performance.now() - started), maxRssMB })}\n`);
    }
    return hasErrors(report) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr.write(`storybank: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr.write(`storybank: ${(error as Error).message}\n`);
    return 2;
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
