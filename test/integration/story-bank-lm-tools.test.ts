// The language-model tools in a real VS Code, called the way Copilot's agent calls them: vscode.lm.invokeTool.
// Also the MCP server offered to agent mode: where the editor has the provider API it is registered, and the
// offered command really serves the workspace's bank over stdio.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BankCheck, NextGap, RuleExplanation, StoryCheck } from '../../src/core/assistant';
import type { StoryBankApi } from '../../src/extension/extension';
import { EXTENSION_ID } from '../../src/extension/constants';
import { LM_TOOL_NAMES } from '../../src/extension/lmTools';
import type { QuestionNode } from '../../src/extension/storyTree';
import { Scratch, readText, useStoryBank, workspaceUri } from './helpers';

async function invoke<T>(name: string, input: object): Promise<T> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
  const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
  return JSON.parse(text) as T;
}

suite('Story Bank language-model tools (vscode.lm.invokeTool)', () => {
  let api: StoryBankApi;
  const scratch = new Scratch();
  useStoryBank(scratch, (activated) => (api = activated));

  test('the four tools are contributed with a model description and an input schema each', () => {
    // What the editor read from the manifest. (vscode.lm.tools comes back empty in the tested code-server, which
    // has no chat extension; invokeTool below reaches the registered tools all the same.)
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { languageModelTools: { name: string; modelDescription: string; inputSchema: { type: string } }[] };
    };
    const tools = manifest.contributes.languageModelTools;
    assert.deepEqual(tools.map((tool) => tool.name).sort(), Object.values(LM_TOOL_NAMES).sort());
    for (const tool of tools) {
      assert.match(tool.modelDescription, /Call it /, `${tool.name} says when to call it`);
      assert.equal(tool.inputSchema.type, 'object', tool.name);
    }
  });

  test('check_story on a weak example story names its missing filters; a strong one passes all three', async () => {
    const weak = await invoke<StoryCheck>(LM_TOOL_NAMES.checkStory, { path: 'stories/team-offsite.md' });
    assert.equal(weak.path, 'stories/team-offsite.md');
    assert.deepEqual(weak.missingFilters, ['tradeoff', 'role', 'result']);
    assert.match(weak.summary, /Missing filters: Tradeoff, Role, Result\./);
    assert.ok(
      weak.findings.some((finding) => finding.rule === 'result' && finding.line > 1),
      'findings carry 1-based positions',
    );

    const strong = await invoke<StoryCheck>(LM_TOOL_NAMES.checkStory, { path: 'stories/pricing-test.md' });
    assert.deepEqual(strong.missingFilters, [], JSON.stringify(strong.findings));
    assert.ok(strong.evidence.tradeoff?.text, 'a passed filter quotes its evidence');

    // Unsaved text, and the story in the active editor.
    const text = await readText(workspaceUri('stories/team-offsite.md'));
    const fromText = await invoke<StoryCheck>(LM_TOOL_NAMES.checkStory, { text });
    assert.deepEqual(fromText.filters, weak.filters);
    await vscode.window.showTextDocument(workspaceUri('stories/pricing-test.md'));
    const active = await invoke<StoryCheck>(LM_TOOL_NAMES.checkStory, {});
    assert.equal(active.path, 'stories/pricing-test.md');
  });

  test('check_story refuses a path that is not a story of the bank', async () => {
    for (const path of ['../outside.md', '/etc/passwd', 'notes.md']) {
      await assert.rejects(invoke(LM_TOOL_NAMES.checkStory, { path }), /is not a story of this bank/, path);
    }
  });

  test("check_bank gives the editor's coverage; next_gap matches the tree's first gap", async () => {
    const bank = await invoke<BankCheck>(LM_TOOL_NAMES.checkBank, {});
    const coverage = await api.getCoverage();
    assert.deepEqual(
      bank.coverage.map(({ id, status, stories, ready }) => ({ id, status, stories, ready })),
      coverage.map(({ id, status, stories, ready }) => ({ id, status, stories, ready })),
    );

    const rows = (await api.getTreeChildren()).filter((node): node is QuestionNode => node.kind === 'question');
    const firstGap = rows.find((row) => row.entry.status === 'gap') ?? rows.find((row) => row.entry.status === 'thin');
    assert.ok(firstGap, 'fixture: the workspace bank has a gap');
    const gap = await invoke<NextGap>(LM_TOOL_NAMES.nextGap, { title: 'ZZ next' });
    assert.equal(gap.done, false);
    assert.equal(gap.question?.id, firstGap.entry.id);
    assert.equal(gap.question?.status, firstGap.entry.status);
    assert.equal(api.getTreeItem(firstGap).label, gap.question?.title);
    assert.match(gap.question!.template, new RegExp(`questions: \\[${firstGap.entry.id}\\]`));
  });

  test('explain_rule returns the page shipped in dist/rules', async () => {
    const rule = await invoke<RuleExplanation>(LM_TOOL_NAMES.explainRule, { rule: 'role' });
    assert.equal(rule.rule, 'role');
    assert.equal(rule.filter, true);
    assert.match(rule.page, /^# /m);
  });

  test('the MCP server is offered to agent mode where the editor has the API, and the offer runs', async () => {
    const { registered, offers } = api.getMcpServers();
    const hasApi = typeof (vscode.lm as unknown as Record<string, unknown>).registerMcpServerDefinitionProvider === 'function';
    assert.equal(registered, hasApi, `registered exactly when vscode.lm.registerMcpServerDefinitionProvider exists (VS Code ${vscode.version})`);
    assert.equal(offers.length, 1, 'one server for the one local folder');
    const [offer] = offers;
    assert.ok(existsSync(offer.args[0]), `${offer.args[0]} is built`);
    assert.equal(offer.args[2], vscode.workspace.workspaceFolders![0].uri.fsPath);

    // Speak the protocol to the offered command: initialize, then next_gap, which must match the tree too.
    const messages = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'integration', version: '0' } },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'next_gap', arguments: {} } },
    ];
    const run = spawnSync(offer.command, offer.args, {
      input: messages.map((message) => JSON.stringify(message)).join('\n') + '\n',
      env: { ...process.env, ...offer.env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 0, run.stderr);
    const replies = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number; result: { structuredContent?: NextGap } });
    const mcpGap = replies.find((reply) => reply.id === 2)?.result.structuredContent;
    const editorGap = await invoke<NextGap>(LM_TOOL_NAMES.nextGap, {});
    assert.equal(mcpGap?.question?.id, editorGap.question?.id);
  });
});
