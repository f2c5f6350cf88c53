// The coverage matrix webview's HTML (src/extension/matrixHtml.ts): escaping, CSP, cells readable without colour.
import assert from 'node:assert/strict';
import { cellLabel, cellState, contentSecurityPolicy, renderMatrixHtml, type MatrixQuestion, type MatrixStory } from '../../src/extension/matrixHtml';
import { escapeHtml } from '../../src/core/text';

const HOSTILE = '<img src=x onerror=alert(1)>';
const questions: MatrixQuestion[] = [
  { id: 'judgment', title: 'Judgment with incomplete data', status: 'thin' },
  { id: 'candor', title: 'Difficult feedback', status: 'gap' },
];
const story = (overrides: Partial<MatrixStory>): MatrixStory => ({
  path: 'stories/a.md',
  title: 'A',
  questions: ['judgment'],
  filtersPassed: 3,
  filterCount: 3,
  ready: ['judgment', 'candor'],
  ...overrides,
});
const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function render(stories: MatrixStory[]) {
  return renderMatrixHtml({ stories, questions, nonce: NONCE, cspSource: CSP_SOURCE, profileTitle: 'Netflix <PM>' });
}

describe('coverage matrix html', () => {
  it('escapes a hostile story title, path and question title everywhere they appear', () => {
    const html = renderMatrixHtml({
      stories: [story({ title: HOSTILE, path: `stories/"><script>alert(2)</script>.md` })],
      questions: [{ id: 'judgment', title: `<b onmouseover=alert(3)>J</b>`, status: 'gap' }],
      nonce: NONCE,
      cspSource: CSP_SOURCE,
    });
    assert.ok(!html.includes('<img'), 'no img element');
    assert.ok(!html.includes('<b '), 'no b element from the question title');
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'only our own script element');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the title is shown as text');
    assert.ok(html.includes('data-path="stories/&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;.md"'), 'attribute values cannot break out');
  });

  it('declares a strict CSP with a nonce, and every style and script element carries that nonce', () => {
    const html = render([story({})]);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(csp, 'CSP meta present');
    assert.equal(csp[1], `default-src 'none'; style-src ${CSP_SOURCE} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'`);
    assert.equal(csp[1], contentSecurityPolicy(CSP_SOURCE, NONCE));
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style'), 'the CSP comes before any style or script');
    const tags = html.match(/<(script|style)\b[^>]*>/g) ?? [];
    assert.equal(tags.length, 2);
    for (const tag of tags) assert.ok(tag.includes(`nonce="${NONCE}"`), tag);
    assert.ok(!/\sstyle="/.test(html), 'no inline style attributes (the CSP would block them)');
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
    assert.ok(!/(https?:)?\/\/[a-z]/i.test(html.replace(csp[1], '')), 'no remote resources');
  });

  it('shows each cell as a state word plus the filters passed, one row per story and one column per question type', () => {
    const stories = [
      story({ path: 'stories/ready.md', title: 'Ready one', questions: ['judgment', 'candor'] }),
      story({ path: 'stories/weak.md', title: 'Weak one', questions: ['candor'], ready: [], filtersPassed: 1 }),
    ];
    const html = render(stories);
    assert.equal((html.match(/<tr data-story=/g) ?? []).length, 2);
    assert.equal((html.match(/<th scope="col" data-question=/g) ?? []).length, 2);
    const cells = [...html.matchAll(/<td class="cell (\w+)" data-state="\w+"[^>]*>(.*?)<\/td>/g)].map((m) => [
      m[1],
      m[2]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ]);
    assert.deepEqual(cells, [
      ['ready', 'ready 3/3'],
      ['ready', 'ready 3/3'],
      ['none', '—'],
      ['claimed', 'claimed 1/3'],
    ]);
    assert.deepEqual(cellLabel(stories[1], 'candor'), { state: 'claimed', filters: '1/3' });
    assert.equal(cellState(stories[1], 'judgment'), 'none');
    assert.ok(html.includes('data-path="stories/weak.md" data-question="candor"'), 'claimed cells are clickable buttons naming the story');
    assert.ok(html.includes('Netflix &lt;PM&gt;'), 'the profile title is escaped too');
    assert.ok(html.includes('thin</span>') && html.includes('gap</span>'), 'column headers say the coverage status in words');
  });

  it('uses theme variables for colour and says what an empty bank means', () => {
    const html = render([]);
    assert.ok(html.includes('var(--vscode-editor-background)') && html.includes('var(--vscode-foreground)'));
    assert.ok(!/#[0-9a-f]{6}\b/i.test(html), 'no hard-coded colours');
    assert.ok(html.includes('No stories yet'));
    assert.ok(!html.includes('<table'));
  });

  it('escapeHtml escapes the five markup characters and nothing else', () => {
    assert.equal(escapeHtml(`a<b>&"'c é`), 'a&lt;b&gt;&amp;&quot;&#39;c é');
  });
});
