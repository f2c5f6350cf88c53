// The CLI (Node host, result cache, worker threads) and the editor's way of indexing (a host over a file system
// it does not own, the in-thread checker) must give the same verdicts for the same bank: both are adapters over
// the core bank index, and this is where a drift between them would show.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main';
import { BankIndex } from '../../src/core/bank';
import { inThreadChecker } from '../../src/core/bank/default-checker';
import { MemoryHost } from '../../src/core/bank/memory-host';

const work = mkdtempSync(path.join(tmpdir(), 'storybank-agreement-'));
after(() => rmSync(work, { recursive: true, force: true }));

async function cliJson(bank: string) {
  let stdout = '';
  const sink = (append: (chunk: string) => void) =>
    Object.assign(new Writable({ write: (chunk, _encoding, callback) => (append(String(chunk)), callback()) }), {
      isTTY: false,
    }) as unknown as NodeJS.WriteStream;
  await main(['check', bank, '--format', 'json', '--no-cache', '--jobs', '2'], { stdout: sink((chunk) => (stdout += chunk)), stderr: sink(() => undefined) });
  return JSON.parse(stdout);
}

/** The bank's files under `/bank` in memory, as an editor on a virtual file system would see them. */
function inMemory(bank: string): MemoryHost {
  const host = new MemoryHost({ '/.git/HEAD': 'ref: refs/heads/main\n' });
  const copy = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) copy(full);
      else host.write(`/bank/${path.relative(bank, full).split(path.sep).join('/')}`, readFileSync(full));
    }
  };
  copy(bank);
  return host;
}

async function editorView(bank: string) {
  const index = new BankIndex({ host: inMemory(bank), root: '/bank', checker: inThreadChecker });
  await index.load();
  const relative = (file: string) => file.slice('/bank/'.length);
  return {
    profile: index.config.profile.id,
    stories: index.stories().map(({ path: file, result }) => ({
      path: relative(file),
      title: result.title,
      questions: result.questions,
      seconds: result.seconds,
      filters: result.filters,
      ready: result.ready,
      findings: result.findings.map((finding) => [
        finding.ruleId,
        finding.severity,
        finding.message,
        finding.range.start.line + 1,
        finding.range.start.character + 1,
      ]),
    })),
    coverage: index.coverage().map((entry) => ({ ...entry, stories: entry.stories.map(relative), ready: entry.ready.map(relative) })),
  };
}

function cliView(json: any, bank: string) {
  const relative = (file: string) => path.relative(bank, file).split(path.sep).join('/');
  return {
    profile: json.profile,
    stories: json.stories.map((story: any) => ({
      path: relative(story.path),
      title: story.title,
      questions: story.questions,
      seconds: story.seconds,
      filters: story.filters,
      ready: story.ready,
      findings: story.findings.map((finding: any) => [finding.rule, finding.severity, finding.message, finding.line, finding.column]),
    })),
    coverage: json.coverage.map((entry: any) => ({ ...entry, stories: entry.stories.map(relative), ready: entry.ready.map(relative) })),
  };
}

describe('the CLI and the editor index agree', () => {
  it('on the example bank', async () => {
    const bank = path.resolve('examples/netflix-pm');
    const cli = cliView(await cliJson(bank), bank);
    assert.ok(cli.stories.length >= 8);
    assert.deepEqual(await editorView(bank), cli);
  });

  it('on a bank whose .storybank.yaml sets budgets, severities, rule options, a custom profile and the stories glob', async () => {
    const bank = path.join(work, 'custom');
    cpSync('examples/netflix-pm', path.join(bank, 'stories'), { recursive: true });
    rmSync(path.join(bank, 'stories', '.storybank.yaml'));
    writeFileSync(path.join(bank, 'notes.md'), '---\ntitle: Not in the bank\nquestions: [scrappy]\n---\n\nOutside the stories glob.\n');
    writeFileSync(
      path.join(bank, '.storybank.yaml'),
      `profile: startup-pm
stories: ["stories/**/*.md"]
wordsPerMinute: 130
rules:
  passive: error
  slogans: off
  role:
    severity: error
    minActions: 2
  timing:
    budgets:
      action: { min: 200, max: 400 }
profiles:
  - id: startup-pm
    title: Startup PM
    description: What a seed-stage founder asks a first PM.
    questions:
      - id: judgment
        title: Judgment calls
        question: Tell me about a call you made without enough data.
        listensFor: A decision and its cost.
        answerShape: [The call, What it cost, What happened]
      - id: scrappy
        title: Scrappy launch
        question: Tell me about shipping with almost nothing.
        listensFor: Resourcefulness under constraint.
        answerShape: [The constraint, What you cut, What shipped]
`,
    );
    const cli = cliView(await cliJson(bank), bank);
    assert.equal(cli.profile, 'startup-pm');
    assert.ok(!cli.stories.some((story: any) => story.path === 'notes.md'), 'the stories glob leaves notes.md out');
    assert.ok(cli.stories.some((story: any) => story.findings.some(([rule, severity]: string[]) => rule === 'role' && severity === 'error')));
    assert.deepEqual(await editorView(bank), cli);
  });
});
