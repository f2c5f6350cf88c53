// The getting-started walkthrough in package.json: four steps, every command it links to or waits for
// exists, every media file ships (flat under media/, as scripts/check-vsix.mjs requires).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { COMMANDS } from '../../src/extension/constants';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
/** VS Code's own commands the walkthrough may use. */
const BUILT_IN = new Set(['workbench.action.files.openFolder', 'workbench.actions.view.problems']);

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; altText?: string };
  completionEvents?: string[];
}

const walkthroughs: { id: string; steps: Step[] }[] = manifest.contributes.walkthroughs ?? [];
const steps = walkthroughs.flatMap((w) => w.steps);

function commandLinks(text: string): string[] {
  return [...text.matchAll(/\]\(command:([A-Za-z0-9_.-]+)(?:\?[^)]*)?\)/g)].map((m) => m[1]);
}

describe('walkthrough', () => {
  it('has the four steps: create a bank, first story, the filters, coverage and practice', () => {
    assert.equal(walkthroughs.length, 1);
    assert.deepEqual(
      steps.map((s) => s.title),
      ['Create a bank', 'Write a first story from a template', "Read the three filters' findings", 'Check coverage and practise'],
    );
  });

  it('links only to contributed commands (or named VS Code built-ins), and every step links to at least one', () => {
    const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
    assert.deepEqual([...contributed].sort(), Object.values(COMMANDS).sort());
    for (const step of steps) {
      const links = commandLinks(step.description);
      assert.ok(links.length > 0, `${step.id} has a command link`);
      for (const command of links) assert.ok(contributed.has(command) || BUILT_IN.has(command), `${step.id}: command:${command} is not contributed`);
      for (const event of step.completionEvents ?? []) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) assert.ok(contributed.has(command) || BUILT_IN.has(command), `${step.id}: ${event}`);
      }
    }
    const linked = new Set(steps.flatMap((s) => commandLinks(s.description)));
    for (const command of [COMMANDS.newStory, COMMANDS.checkWorkspace, COMMANDS.showMatrix, COMMANDS.practice]) assert.ok(linked.has(command), command);
  });

  it('every step has media that exists, shipped flat in media/', () => {
    for (const step of steps) {
      const file = step.media.markdown ?? step.media.image;
      assert.ok(file, `${step.id} has media`);
      assert.match(file, /^media\/[^/]+\.(md|svg|png)$/, `${step.id}: ${file}`);
      assert.ok(existsSync(file), `${step.id}: ${file} exists`);
      if (step.media.image) assert.ok(step.media.altText, `${step.id}: image needs altText`);
    }
  });
});
