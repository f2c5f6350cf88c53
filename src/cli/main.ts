import { existsSync, promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CONFIG_FILE_NAME,
  DEFAULT_CONFIG,
  RULES,
  checkStoryText,
  getProfile,
  parseConfig,
  resolveConfig,
  type IndexedStory,
  type ResolvedConfig,
} from '../core';
import { findMarkdownFiles, readStoryFile } from './files';
import { COLORS, NO_COLORS, buildReport, hasErrors, toJson, toText, type BankError } from './report';

const USAGE = `Usage: storybank <command> [paths...] [options]

Commands:
  check [paths...]     lint stories and show coverage (default path: .)
  coverage [paths...]  show only the coverage table

Options:
  --format text|json   output format (default: text)
  --profile <id>       question profile (default: from .storybank.yaml, else netflix-pm)
  --config <file>      configuration file (default: nearest .storybank.yaml)
  --no-color           plain text output
  -h, --help           show this help
`;

class UsageError extends Error {}

export async function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
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
        'no-color': { type: 'boolean' },
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
    if (command !== 'check' && command !== 'coverage') throw new UsageError(`unknown command "${command}"`);
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const inputs = paths.length ? paths : ['.'];
    const errors: BankError[] = [];
    const config = await loadConfig(inputs, values.config, values.profile, errors);
    const stories = await checkFiles(inputs, config, errors, io.stderr);
    const report = buildReport(config, stories, errors);
    if (values.format === 'json') {
      io.stdout.write(JSON.stringify(toJson(report), null, 2) + '\n');
    } else {
      const useColor = values['no-color'] ? false : (values.color ?? (io.stdout.isTTY === true && !process.env.NO_COLOR));
      const text = toText(command === 'coverage' ? { ...report, stories: report.stories.map(withoutFindings) } : report, useColor ? COLORS : NO_COLORS);
      io.stdout.write(text);
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

function withoutFindings(story: IndexedStory): IndexedStory {
  return { ...story, result: { ...story.result, findings: [] } };
}

/** The explicit --config, or the nearest .storybank.yaml above the first path. Unreadable config stops the run. */
async function loadConfig(inputs: string[], explicit: string | undefined, profileId: string | undefined, errors: BankError[]): Promise<ResolvedConfig> {
  const file = explicit ?? findConfigFile(inputs[0]);
  let config = DEFAULT_CONFIG;
  if (file) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read configuration ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const knownRuleIds = RULES.map((rule) => rule.id);
    const { config: parsed, problems } = parseConfig(text, knownRuleIds);
    for (const problem of problems) {
      errors.push({ path: file, message: problem.message, line: problem.range.start.line + 1, column: problem.range.start.character + 1 });
    }
    config = parsed;
  }
  if (profileId) {
    const profile = getProfile(profileId);
    if (!profile) throw new UsageError(`unknown profile "${profileId}"`);
    config = resolveConfig(config, {}, profile);
  }
  return config;
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

const PROGRESS_THRESHOLD = 200;

async function checkFiles(inputs: string[], config: ResolvedConfig, errors: BankError[], stderr: NodeJS.WriteStream): Promise<IndexedStory[]> {
  const files = await findMarkdownFiles(inputs, (file, message) => errors.push({ path: file, message }));
  const showProgress = stderr.isTTY === true && files.length > PROGRESS_THRESHOLD;
  const stories: IndexedStory[] = [];
  for (const [index, file] of files.entries()) {
    if (showProgress && index % 25 === 0) stderr.write(`\rChecking stories ${index}/${files.length}`);
    const outcome = await readStoryFile(file);
    if (!outcome.ok) {
      errors.push({ path: file, message: `This file ${outcome.message}.` });
      continue;
    }
    const result = checkStoryText(outcome.text, { config });
    if (result.isStory) stories.push({ path: file, result });
  }
  if (showProgress) stderr.write(`\rChecked ${files.length} files.${' '.repeat(20)}\n`);
  return stories;
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
