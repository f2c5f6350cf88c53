// `storybank mcp`: a real protocol round trip. The SDK's own Client spawns the built CLI (node dist/cli.js mcp)
// over stdio, lists the tools, calls each one on the example bank and compares the answers with what
// `storybank check --format json` says about the same bank.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BankCheckOutput, NextGapOutput, RuleExplanationOutput, StoryCheckOutput } from '../../src/core/assistant';

const EXAMPLES = path.resolve('examples/netflix-pm');

interface CheckJson {
  stories: {
    path: string;
    title: string;
    filters: Record<string, boolean>;
    ready: string[];
    findings: { rule: string; line: number; message: string }[];
    evidence: Record<string, { line: number; text: string }>;
  }[];
  coverage: { id: string; status: string; stories: string[]; ready: string[] }[];
}

type ToolResult = { isError?: boolean; content: { type: string; text?: string }[]; structuredContent?: Record<string, unknown> };

describe('storybank mcp (the built CLI, through the MCP SDK client)', function () {
  this.timeout(60_000);
  let dir: string;
  let bank: string;
  let client: Client;
  let check: CheckJson;
  let stderr = '';

  before(async () => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    // A copy of the example bank with a story outside it, reachable through a link and by `..`.
    dir = mkdtempSync(path.join(tmpdir(), 'storybank-mcp-'));
    bank = path.join(dir, 'bank');
    cpSync(EXAMPLES, bank, { recursive: true });
    mkdirSync(path.join(dir, 'private'));
    const secret = readFileSync(path.join(EXAMPLES, 'capping-instant-payouts.md'), 'utf8').replace('Launching instant payouts', 'SECRET story');
    writeFileSync(path.join(dir, 'private', 'secret.md'), secret);
    symlinkSync(path.join(dir, 'private', 'secret.md'), path.join(bank, 'linked-secret.md'));
    symlinkSync(path.join(dir, 'private'), path.join(bank, 'linked-folder'));

    const checked = spawnSync(process.execPath, ['dist/cli.js', 'check', EXAMPLES, '--format', 'json', '--no-cache'], { encoding: 'utf8' });
    assert.ok(checked.status === 0 || checked.status === 1, checked.stderr);
    check = JSON.parse(checked.stdout) as CheckJson;

    const transport = new StdioClientTransport({ command: process.execPath, args: ['dist/cli.js', 'mcp', '--root', bank], stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'story-bank-test', version: '0.0.0' });
    await client.connect(transport);
  });
  after(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as ToolResult;
  const relative = (file: string) => path.relative(EXAMPLES, path.resolve(file)).split(path.sep).join('/');
  const storyIn = (file: string) => check.stories.find((story) => relative(story.path) === file)!;

  it('lists the four tools, each with an input and an output schema, all read-only', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), ['check_bank', 'check_story', 'explain_rule', 'next_gap']);
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      assert.equal(tool.outputSchema?.type, 'object', tool.name);
      assert.ok((tool.description ?? '').length > 80, `${tool.name} says when to call it`);
      assert.equal(tool.annotations?.readOnlyHint, true, tool.name);
    }
    const explain = tools.find((tool) => tool.name === 'explain_rule')!;
    assert.ok(((explain.inputSchema.properties?.rule as { enum?: string[] }).enum ?? []).includes('tradeoff'), 'rule ids are an enum');
    assert.match(stderr, /serving .* over stdio \(read-only\)/);
  });

  it('check_story by path gives the same filters, evidence, readiness and findings as storybank check', async () => {
    for (const file of ['kids-profile-default.md', 'capping-instant-payouts.md', 'caring-too-much-about-quality.md']) {
      const result = await call('check_story', { path: file });
      assert.ok(!result.isError, JSON.stringify(result.content));
      const answer = StoryCheckOutput.parse(result.structuredContent);
      const expected = storyIn(file);
      assert.equal(answer.path, file);
      assert.equal(answer.title, expected.title);
      assert.deepEqual(answer.filters, expected.filters);
      assert.deepEqual(
        answer.missingFilters,
        Object.keys(expected.filters).filter((id) => !expected.filters[id]),
      );
      assert.deepEqual(answer.ready, expected.ready);
      assert.deepEqual(
        answer.findings.map(({ rule, line, message }) => ({ rule, line, message })),
        expected.findings.map(({ rule, line, message }) => ({ rule, line, message })),
      );
      assert.deepEqual(
        Object.fromEntries(Object.entries(answer.evidence).map(([id, evidence]) => [id, { line: evidence.line, text: evidence.text }])),
        Object.fromEntries(Object.entries(expected.evidence).map(([id, evidence]) => [id, { line: evidence.line, text: evidence.text }])),
      );
      // The text content carries the same answer for clients that ignore structured content.
      assert.deepEqual(JSON.parse(result.content[0].text!), result.structuredContent);
    }
    const weak = StoryCheckOutput.parse((await call('check_story', { path: 'kids-profile-default.md' })).structuredContent);
    assert.deepEqual(weak.missingFilters, ['result'], 'the vague "it went well" result is named');
    assert.match(weak.summary, /Missing filters: Result/);
  });

  it('check_story on unsaved text judges the text itself', async () => {
    const text = readFileSync(path.join(EXAMPLES, 'capping-instant-payouts.md'), 'utf8');
    const strong = StoryCheckOutput.parse((await call('check_story', { text })).structuredContent);
    assert.deepEqual(strong.filters, { tradeoff: true, role: true, result: true });
    const vague = text.replace(/## Outcome[\s\S]*?(?=\n## )/, '## Outcome\n\nIt went well and everyone was pleased.\n');
    assert.notEqual(vague, text, 'fixture: the story has an Outcome section');
    const weakened = StoryCheckOutput.parse((await call('check_story', { text: vague })).structuredContent);
    assert.equal(weakened.filters.result, false);
    assert.ok(weakened.findings.some((finding) => finding.rule === 'result'));
    const neither = await call('check_story', {});
    assert.equal(neither.isError, true);
    assert.match(neither.content[0].text!, /either `path`.*or `text`/);
  });

  it("check_bank gives the coverage storybank check computes, with the bank's stories", async () => {
    const answer = BankCheckOutput.parse((await call('check_bank')).structuredContent);
    assert.equal(answer.profile, 'netflix-pm');
    assert.deepEqual(
      answer.coverage.map(({ id, status, stories, ready }) => ({ id, status, stories, ready })),
      check.coverage.map(({ id, status, stories, ready }) => ({ id, status, stories: stories.map(relative), ready: ready.map(relative) })),
    );
    assert.deepEqual(answer.stories.map((story) => story.path).sort(), check.stories.map((story) => relative(story.path)).sort());
    for (const story of answer.stories) assert.deepEqual(story.filters, storyIn(story.path).filters, story.path);
    // The linked story outside the root is reported, not read (the folder link is not followed at all).
    assert.ok(!answer.stories.some((story) => story.title.includes('SECRET')));
    assert.ok(
      answer.problems.some((problem) => problem.path === 'linked-secret.md' && /leads outside the story bank/.test(problem.message)),
      JSON.stringify(answer.problems),
    );
  });

  it('next_gap names the first gap (else thin) question type, with its answer shape and a template that is no story yet', async () => {
    const answer = NextGapOutput.parse((await call('next_gap', { title: 'Shipping without the audit' })).structuredContent);
    const expected = check.coverage.find((entry) => entry.status === 'gap') ?? check.coverage.find((entry) => entry.status === 'thin');
    assert.ok(expected, 'fixture: the example bank has a gap or a thin type');
    assert.equal(answer.done, false);
    assert.equal(answer.question?.id, expected.id);
    assert.equal(answer.question?.status, expected.status);
    assert.ok(answer.question!.answerShape.length >= 3);
    assert.match(answer.question!.template, new RegExp(`^---\\ntitle: Shipping without the audit\\nquestions: \\[${expected.id}\\]`));
    // The template checks as a story that passes no filter yet.
    const template = StoryCheckOutput.parse((await call('check_story', { text: answer.question!.template })).structuredContent);
    assert.deepEqual(template.missingFilters, ['tradeoff', 'role', 'result']);
  });

  it("explain_rule returns the rule's bundled page; an unknown rule is refused", async () => {
    const answer = RuleExplanationOutput.parse((await call('explain_rule', { rule: 'tradeoff' })).structuredContent);
    assert.equal(answer.filter, true);
    assert.equal(answer.page, readFileSync('src/core/rules/tradeoff.md', 'utf8'));
    assert.match(answer.docsUrl, /^https:\/\/github\.com\/story-bank\/story-bank\/blob\/main\/src\/core\/rules\/tradeoff\.md$/);
    const unknown = await call('explain_rule', { rule: 'tradeof' });
    assert.equal(unknown.isError, true);
    assert.match(unknown.content[0].text!, /Input validation error/);
  });

  it('refuses paths outside the root: .., an absolute path elsewhere, a link out of the bank, a non-story file', async () => {
    const cases: [string, RegExp][] = [
      ['../private/secret.md', /outside the story bank/],
      [path.join(dir, 'private', 'secret.md'), /outside the story bank/],
      ['/etc/passwd', /outside the story bank/],
      ['linked-secret.md', /symbolic link that leads outside the story bank/],
      ['linked-folder/secret.md', /symbolic link that leads outside the story bank/],
      ['.storybank.yaml', /not a Markdown story/],
      ['missing.md', /does not exist in the story bank/],
    ];
    for (const [requested, message] of cases) {
      const result = await call('check_story', { path: requested });
      assert.equal(result.isError, true, requested);
      assert.match(result.content[0].text!, message, requested);
      assert.doesNotMatch(JSON.stringify(result), /SECRET/, `${requested}: nothing of the file leaks`);
    }
    // An absolute path inside the root is fine.
    const inside = await call('check_story', { path: path.join(bank, 'kids-profile-default.md') });
    assert.ok(!inside.isError, JSON.stringify(inside.content));
  });
});

describe('storybank mcp: arguments', () => {
  it('exits 2 with usage when --root is missing or not a folder', () => {
    const missing = spawnSync(process.execPath, ['dist/cli.js', 'mcp'], { encoding: 'utf8', input: '' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--root <bank folder> is required/);
    const notFolder = spawnSync(process.execPath, ['dist/cli.js', 'mcp', '--root', 'package.json'], { encoding: 'utf8', input: '' });
    assert.equal(notFolder.status, 2);
    assert.match(notFolder.stderr, /is not a folder/);
  });

  it('storybank check does not load the MCP SDK', () => {
    const cli = readFileSync('dist/cli.js', 'utf8');
    assert.doesNotMatch(cli, /McpServer|StdioServerTransport/);
    assert.match(readFileSync('dist/mcp.js', 'utf8'), /McpServer/);
  });
});
