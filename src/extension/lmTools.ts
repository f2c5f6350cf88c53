// Story Bank for AI assistants inside the editor: the four tools of src/core/assistant.ts as language-model tools
// (contributes.languageModelTools + vscode.lm.registerTool) over the editor's index, and the CLI's MCP server
// (dist/mcp.js) offered to agent mode through an MCP server definition provider where the editor has that API.
import * as vscode from 'vscode';
import { CheckStoryInput, ExplainRuleInput, NextGapInput, bankCheck, nextGap, ruleExplanation, storyCheck } from '../core/assistant';
import { TOOL_NAMES } from '../core/toolNames';
import { checkStoryText, type ResolvedConfig, type StoryResult } from '../core';
import type { StoryBank } from './bank';

/** Tool names in the editor: lm.tools is shared by every extension, so ours carry a prefix. */
export const LM_TOOL_NAMES = {
  checkStory: `storybank_${TOOL_NAMES.checkStory}`,
  checkBank: `storybank_${TOOL_NAMES.checkBank}`,
  nextGap: `storybank_${TOOL_NAMES.nextGap}`,
  explainRule: `storybank_${TOOL_NAMES.explainRule}`,
} as const;

export const MCP_PROVIDER_ID = 'storyBank.mcpServers';

function json(value: unknown): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify(value, null, 2))]);
}

/** Zod's message for a bad input, as one line a model can act on. */
function parsed<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  input: unknown,
): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new Error(`Invalid input: ${result.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')}`);
}

export class LanguageModelTools {
  constructor(
    private readonly bank: StoryBank,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** The bank the tools answer about, with its configuration: in a multi-root workspace, the active editor's folder's (else the first folder's). */
  private scope(): { config: ResolvedConfig; stories: { path: string; result: StoryResult }[] } {
    const view = this.bank.folderView(vscode.window.activeTextEditor?.document.uri);
    return {
      config: view.folder ? this.bank.configFor(view.folder.uri) : this.bank.configuredConfig,
      stories: view.stories.map((entry) => ({ path: entry.path, result: entry.result })),
    };
  }

  /** `path` names a story of the bank (as the coverage view lists it); neither path nor text: the active editor's story. */
  async checkStory(input: unknown) {
    const args = parsed(CheckStoryInput, input);
    await this.bank.whenIdle();
    if (args.path !== undefined && args.text !== undefined) throw new Error('Give either `path` or `text`, not both.');
    if (args.text !== undefined) {
      const { config } = this.scope();
      return storyCheck(checkStoryText(args.text, { config }), config);
    }
    if (args.path !== undefined) {
      const wanted = args.path.replace(/\\/g, '/').replace(/^\.\//, '');
      const entry = this.bank.storyByPath(wanted);
      if (!entry) {
        const known = this.bank.stories().map((story) => story.path);
        throw new Error(`"${args.path}" is not a story of this bank. Stories: ${known.join(', ') || 'none yet'}.`);
      }
      return storyCheck(entry.result, this.bank.configFor(entry.uri), entry.path);
    }
    const document = vscode.window.activeTextEditor?.document;
    const entry = document && this.bank.resultFor(document);
    if (!document || !entry) throw new Error('No story is open: give `path` (a story of the bank) or `text`.');
    return storyCheck(entry.result, this.bank.configFor(document.uri), entry.path);
  }

  async checkBank() {
    await this.bank.whenIdle();
    const { config, stories } = this.scope();
    return bankCheck(config, stories);
  }

  async nextGap(input: unknown) {
    const args = parsed(NextGapInput, input);
    await this.bank.whenIdle();
    const { config, stories } = this.scope();
    return nextGap(config, stories, args.title);
  }

  async explainRule(input: unknown) {
    const args = parsed(ExplainRuleInput, input);
    const page = vscode.Uri.joinPath(this.extensionUri, 'dist', 'rules', `${args.rule}.md`);
    const text = await vscode.workspace.fs.readFile(page).then(
      (bytes) => new TextDecoder('utf-8').decode(bytes),
      () => '',
    );
    return ruleExplanation(args.rule, text);
  }

  register(): vscode.Disposable[] {
    const tool = (run: (input: unknown) => Promise<unknown>, message: (input: unknown) => string): vscode.LanguageModelTool<unknown> => ({
      invoke: async (options) => json(await run(options.input)),
      prepareInvocation: (options) => ({ invocationMessage: message(options.input) }),
    });
    const described = (input: unknown, key: string) => {
      const value = input && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
      return typeof value === 'string' && value.length < 200 ? value : undefined;
    };
    return [
      vscode.lm.registerTool(
        LM_TOOL_NAMES.checkStory,
        tool(
          (input) => this.checkStory(input),
          (input) => `Checking ${described(input, 'path') ?? 'the story'} with Story Bank`,
        ),
      ),
      vscode.lm.registerTool(
        LM_TOOL_NAMES.checkBank,
        tool(
          () => this.checkBank(),
          () => 'Checking the story bank',
        ),
      ),
      vscode.lm.registerTool(
        LM_TOOL_NAMES.nextGap,
        tool(
          (input) => this.nextGap(input),
          () => 'Finding the question type that most needs a story',
        ),
      ),
      vscode.lm.registerTool(
        LM_TOOL_NAMES.explainRule,
        tool(
          (input) => this.explainRule(input),
          (input) => `Reading the ${described(input, 'rule') ?? ''} rule's page`,
        ),
      ),
    ];
  }
}

// ---- the MCP server for agent mode ----------------------------------------------------------------------

/** What this extension offers VS Code's MCP support: one read-only server per local workspace folder. */
export interface McpServerOffer {
  label: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** The offers, whether or not this editor can take them (the tests run them by hand). */
export function mcpServerOffers(extensionUri: vscode.Uri, version: string): McpServerOffer[] {
  const server = vscode.Uri.joinPath(extensionUri, 'dist', 'mcp.js').fsPath;
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => ({
      label: `Story Bank: ${folder.name}`,
      // The editor's own runtime runs the server: Node in a remote or code-server host, Electron as Node on the desktop.
      command: process.execPath,
      args: [server, '--root', folder.uri.fsPath],
      env: { ELECTRON_RUN_AS_NODE: '1', STORYBANK_MCP_VERSION: version },
    }));
}

/** The part of the MCP provider API (VS Code 1.101) used here; @types/vscode stays at the engine's 1.95. */
interface McpApi {
  registerMcpServerDefinitionProvider(
    id: string,
    provider: { onDidChangeMcpServerDefinitions?: vscode.Event<void>; provideMcpServerDefinitions(token: vscode.CancellationToken): unknown[] },
  ): vscode.Disposable;
}
type McpStdioServerDefinition = new (
  label: string,
  command: string,
  args?: string[],
  env?: Record<string, string | number | null>,
  version?: string,
) => unknown;

/**
 * Registers the MCP server definition provider when the editor has the API (VS Code 1.101 and later); on an
 * older editor the language-model tools above still work. Returns whether it was registered.
 */
export function registerMcpServers(context: vscode.ExtensionContext, version: string): boolean {
  const lm = vscode.lm as unknown as Partial<McpApi>;
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: McpStdioServerDefinition }).McpStdioServerDefinition;
  if (typeof lm.registerMcpServerDefinitionProvider !== 'function' || typeof Definition !== 'function') return false;
  const changed = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    changed,
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
    lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: changed.event,
      provideMcpServerDefinitions: () =>
        mcpServerOffers(context.extensionUri, version).map((offer) => new Definition(offer.label, offer.command, offer.args, offer.env, version)),
    }),
  );
  return true;
}
