// scripts/check-vsix.mjs's link check, on packages made up in memory.
import assert from 'node:assert/strict';
import { checkLinks } from '../../scripts/check-vsix.mjs';

const REPO = 'https://github.com/story-bank/story-bank';

function pkg(files: Record<string, string>, manifest: Record<string, unknown> = {}) {
  const all: Record<string, string> = {
    'extension/package.json': JSON.stringify({
      repository: { type: 'git', url: `${REPO}.git` },
      contributes: { commands: [{ command: 'storyBank.newStory' }] },
      ...manifest,
    }),
    ...files,
  };
  return Object.entries(all).map(([name, text]) => ({ name, read: () => Buffer.from(text) }));
}

describe('check-vsix: links inside the package', () => {
  it('accepts links into the package, into the declared repository at files that exist, anchors and contributed commands', () => {
    const problems = checkLinks(
      pkg({
        'extension/readme.md': `[docs](${REPO}/blob/main/src/core/rules/role.md) ![shot](${REPO}/raw/main/docs/screenshots/tree.png) [issues](${REPO}/issues) [top](#top)`,
        'extension/dist/rules/role.md': '[tradeoff](tradeoff.md) [credit](https://github.com/winkjs/wink-nlp)',
        'extension/dist/rules/tradeoff.md': '# tradeoff',
        'extension/media/step.md': '[New Story](command:storyBank.newStory) [Open Folder](command:workbench.action.files.openFolder)',
      }),
    );
    assert.deepEqual(problems, []);
  });

  it('reports a web link elsewhere, a dead repository link, a relative link out of the package and an unknown command', () => {
    const problems = checkLinks(
      pkg(
        {
          'extension/readme.md': `[x](https://example.com/page) [gone](${REPO}/blob/main/docs/nothing-here.md) [up](../secret.md) [cmd](command:storyBank.missing)`,
        },
        { icon: 'media/icon.png', homepage: 'https://story-bank.example.org' },
      ),
    );
    const expected = [
      /example\.com.*outside the declared repository/,
      /nothing-here\.md.*not in the repository/,
      /\.\.\/secret\.md does not resolve/,
      /storyBank\.missing.*does not contribute/,
      /\.\/media\/icon\.png does not resolve/,
      /story-bank\.example\.org.*outside/,
    ];
    for (const pattern of expected)
      assert.ok(
        problems.some((problem) => pattern.test(problem)),
        `${pattern}: ${problems.join('\n')}`,
      );
    assert.equal(problems.length, expected.length, problems.join('\n'));
  });
});
