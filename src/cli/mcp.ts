// `storybank mcp --root <bank>`: the Model Context Protocol server over stdio. Built on its own as dist/mcp.js
// and loaded by the CLI only for this command, so `storybank check` never parses the MCP SDK.
// Read-only: it reads stories and .storybank.yaml under the root and writes nothing. Every path a client
// sends is confined to the root (see resolveInsideRoot). The answers come from src/core/assistant.ts over
// the CLI's own engine (configuration, linting, file reading), so they match `storybank check`.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import packageJson from '../../package.json';
import {
  BankCheckOutput,
  CheckBankInput,
  CheckStoryInput,
  ExplainRuleInput,
  NextGapInput,
  NextGapOutput,
  RuleExplanationOutput,
  StoryCheckOutput,
  TOOL_DESCRIPTIONS,
  TOOL_NAMES,
  bankCheck,
  nextGap,
  ruleExplanation,
  storyCheck,
  type CheckStoryArgs,
} from '../core/assistant';
import { BankIndex, readStoryText, type BankHost, type StoryChecker } from '../core/bank';
import type { ResolvedConfig } from '../core/config';
import type { IndexedStory } from '../core/coverage';
import { ResultCache, type CachedResult } from './cache';
import { checkText, resolveBankConfig } from './engine';
import { nodeHost } from './node-host';

export const MCP_USAGE = `Usage: storybank mcp --root <bank folder> [--config <file>] [--profile <id>]

Serves the story bank to an AI assistant over the Model Context Protocol (stdio), read-only.
Tools: check_story, check_bank, next_gap, explain_rule. Paths are confined to the root.
`;

/** Results kept between calls (a bank of this many stories is re-checked on each call beyond it). */
const MAX_REMEMBERED = 5000;

/** A path the client sent that may not be read. Its message is what the client sees. */
export class OutsideRootError extends Error {}

/**
 * The real path of `requested` (relative to the root, or absolute inside it), refused when it leaves the
 * root by `..`, by an absolute path elsewhere, or through a symbolic link; only Markdown files are read.
 */
export function resolveInsideRoot(realRoot: string, requested: string): string {
  if (requested.includes('\0')) throw new OutsideRootError('The path contains a NUL character.');
  const absolute = path.resolve(realRoot, requested);
  if (!isInside(realRoot, absolute)) {
    throw new OutsideRootError(`"${requested}" is outside the story bank (${realRoot}); only files inside the bank folder can be read.`);
  }
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `"${requested}" does not exist in the story bank.` : `"${requested}" cannot be read (${code ?? 'error'}).`);
  }
  if (!isInside(realRoot, real)) {
    throw new OutsideRootError(`"${requested}" is a symbolic link that leads outside the story bank (${realRoot}); it is not read.`);
  }
  if (!real.toLowerCase().endsWith('.md')) throw new Error(`"${requested}" is not a Markdown story (.md); only stories can be checked.`);
  return real;
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function toSlashes(relative: string): string {
  return relative.split(path.sep).join('/');
}

/** A Node host that never leaves the root: links that lead outside it are reported and skipped. */
function confinedHost(realRoot: string, problems: { path: string; message: string }[]): BankHost {
  const outside = (file: string) => {
    try {
      return !isInside(realRoot, realpathSync(file));
    } catch {
      return false; // a broken link: reading it reports it
    }
  };
  return {
    ...nodeHost,
    async listMarkdownFiles(folder, onError) {
      const files = await nodeHost.listMarkdownFiles(folder, onError);
      return files.filter((file) => {
        if (!outside(file)) return true;
        problems.push({ path: toSlashes(path.relative(realRoot, file)), message: 'This file is a symbolic link that leads outside the story bank; skipped.' });
        return false;
      });
    },
  };
}

/** The bank behind the tools: the configuration is found and read on every call (so edits count), results are kept per text. */
export class McpBank {
  readonly root: string;
  private readonly results = new Map<string, CachedResult>();
  private configStamp = '';
  private readonly checker: StoryChecker<CachedResult> = {
    resolveConfig: (source) => {
      const stamp = JSON.stringify(source);
      if (stamp !== this.configStamp) {
        this.results.clear();
        this.configStamp = stamp;
      }
      return resolveBankConfig(source);
    },
    checkText: (text, config) => {
      const key = ResultCache.keyOf(text);
      let result = this.results.get(key);
      if (!result) {
        result = checkText(text, config);
        // A long session of drafts sent as text would otherwise keep every version; the bank is re-read cheaply.
        if (this.results.size >= MAX_REMEMBERED) this.results.clear();
        this.results.set(key, result);
      }
      return result;
    },
  };

  constructor(
    root: string,
    private readonly options: { config?: string; profile?: string } = {},
  ) {
    this.root = realpathSync(root);
    if (!statSync(this.root).isDirectory()) throw new Error(`--root ${root} is not a folder`);
  }

  private index(problems: { path: string; message: string }[]): BankIndex<CachedResult> {
    return new BankIndex({
      host: confinedHost(this.root, problems),
      root: this.root,
      checker: this.checker,
      configOptions: { explicitFile: this.options.config, profileId: this.options.profile },
    });
  }

  /** The configuration as it stands now; throws on a bad --profile or an unreadable --config. */
  loadConfig(): Promise<ResolvedConfig> {
    return this.index([]).loadConfig();
  }

  relative(file: string): string {
    return toSlashes(path.relative(this.root, path.resolve(file)));
  }

  async checkStory(args: CheckStoryArgs) {
    if ((args.path === undefined) === (args.text === undefined))
      throw new Error("Give either `path` (a story file in the bank) or `text` (a story's Markdown), not both and not neither.");
    const index = this.index([]);
    const config = await index.loadConfig();
    if (args.text !== undefined) return storyCheck(index.checkText(args.text), config);
    const file = resolveInsideRoot(this.root, args.path!);
    const read = await readStoryText(nodeHost, file);
    if (!read.ok) throw new Error(`"${args.path}" ${read.message}.`);
    return storyCheck(index.checkText(read.text), config, this.relative(file));
  }

  /** Every story of the bank as `storybank check <root>` finds it; files linked from outside the root are skipped. */
  async stories(): Promise<{ config: ResolvedConfig; stories: IndexedStory[]; problems: { path: string; message: string }[] }> {
    const problems: { path: string; message: string }[] = [];
    const index = this.index(problems);
    await index.load();
    problems.unshift(
      ...index.configProblems.map((problem) => ({ path: this.relative(problem.path), message: `${problem.line}:${problem.column} ${problem.message}` })),
    );
    problems.push(...index.errors().map((error) => ({ path: this.relative(error.path), message: error.message })));
    const stories = index.stories().map((story) => ({ path: this.relative(story.path), result: story.result }));
    return { config: index.config, stories, problems };
  }
}

/** Page for explain_rule: the docs shipped beside the bundle (dist/rules), or the sources when run by tsx. */
function rulePage(ruleId: string): string {
  const candidates = [path.join(__dirname, 'rules', `${ruleId}.md`), path.join(__dirname, '..', 'core', 'rules', `${ruleId}.md`)];
  for (const file of candidates) if (existsSync(file)) return readFileSync(file, 'utf8');
  return '';
}

function answer<T extends object>(value: T) {
  return { content: [{ type: 'text' as const, text: JSON.stringify(value, null, 2) }], structuredContent: value as unknown as Record<string, unknown> };
}

export function createServer(bank: McpBank): McpServer {
  const server = new McpServer({ name: 'story-bank', version: packageJson.version });
  const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
  server.registerTool(
    TOOL_NAMES.checkStory,
    { title: 'Check a story', description: TOOL_DESCRIPTIONS.check_story, inputSchema: CheckStoryInput, outputSchema: StoryCheckOutput, annotations: readOnly },
    async (args) => answer(await bank.checkStory(args)),
  );
  server.registerTool(
    TOOL_NAMES.checkBank,
    {
      title: 'Check the story bank',
      description: TOOL_DESCRIPTIONS.check_bank,
      inputSchema: CheckBankInput,
      outputSchema: BankCheckOutput,
      annotations: readOnly,
    },
    async () => {
      const { config, stories, problems } = await bank.stories();
      return answer(bankCheck(config, stories, problems));
    },
  );
  server.registerTool(
    TOOL_NAMES.nextGap,
    {
      title: 'Next question type to write for',
      description: TOOL_DESCRIPTIONS.next_gap,
      inputSchema: NextGapInput,
      outputSchema: NextGapOutput,
      annotations: readOnly,
    },
    async (args) => {
      const { config, stories } = await bank.stories();
      return answer(nextGap(config, stories, args.title));
    },
  );
  server.registerTool(
    TOOL_NAMES.explainRule,
    {
      title: 'Explain a rule',
      description: TOOL_DESCRIPTIONS.explain_rule,
      inputSchema: ExplainRuleInput,
      outputSchema: RuleExplanationOutput,
      annotations: readOnly,
    },
    async (args) => answer(ruleExplanation(args.rule, rulePage(args.rule))),
  );
  return server;
}

/** Runs the server until the client closes stdin. Returns an exit code only for bad arguments. */
export async function runMcp(argv: string[], stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { root: { type: 'string' }, config: { type: 'string' }, profile: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    stderr.write(`storybank mcp: ${(error as Error).message}\n\n${MCP_USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(MCP_USAGE);
    return 0;
  }
  if (!values.root) {
    stderr.write(`storybank mcp: --root <bank folder> is required\n\n${MCP_USAGE}`);
    return 2;
  }
  let bank: McpBank;
  try {
    bank = new McpBank(values.root, { config: values.config, profile: values.profile });
    await bank.loadConfig(); // a bad --profile or an unreadable --config stops here, before the client connects
  } catch (error) {
    stderr.write(`storybank mcp: ${(error as Error).message}\n`);
    return 2;
  }
  const server = createServer(bank);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => (server.server.onclose = resolve));
  await server.connect(transport);
  stderr.write(`storybank mcp: serving ${bank.root} over stdio (read-only)\n`);
  // When the client closes stdin, the process ends by itself once the replies still being computed are written.
  await closed;
  return 0;
}

if (require.main === module) {
  runMcp(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`storybank mcp: ${error?.stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
