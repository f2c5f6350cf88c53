// The coverage matrix webview's HTML: stories (rows) against question types (columns). Pure (no `vscode`
// import) so it is unit-tested in plain Node. Every piece of story text goes through escapeHtml; the page
// loads nothing remote, styles and its one script carry a nonce, and the CSP forbids everything else.
import type { CoverageStatus } from '../core/coverage';
import { escapeHtml } from '../core/text';

export interface MatrixStory {
  /** The bank's story id (workspace-relative path); sent back when a cell is clicked. */
  path: string;
  title: string;
  questions: readonly string[];
  filtersPassed: number;
  filterCount: number;
  /** The question ids the core found this story ready for. */
  ready: readonly string[];
  lastPracticed?: string;
}

export interface MatrixQuestion {
  id: string;
  title: string;
  status: CoverageStatus;
}

export type CellState = 'ready' | 'claimed' | 'none';

export interface MatrixInput {
  stories: readonly MatrixStory[];
  questions: readonly MatrixQuestion[];
  /** A fresh random value per render; only elements carrying it may style or script the page. */
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
  profileTitle?: string;
}

export function cellState(story: MatrixStory, questionId: string): CellState {
  if (!story.questions.includes(questionId)) return 'none';
  return story.ready.includes(questionId) ? 'ready' : 'claimed';
}

/** The text a cell shows; it says the state in words, so colour is never the only signal. */
export function cellLabel(story: MatrixStory, questionId: string): { state: string; filters: string } {
  const state = cellState(story, questionId);
  if (state === 'none') return { state: '—', filters: '' };
  return { state, filters: `${story.filtersPassed}/${story.filterCount}` };
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'`;
}

const STATUS_TEXT: Record<CoverageStatus, string> = { covered: 'covered', thin: 'thin', gap: 'gap' };

const STYLE = `
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
  h1 { font-size: 1.3em; font-weight: 600; margin: 14px 0 4px; }
  p.sub { color: var(--vscode-descriptionForeground); margin: 0 0 12px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, #8884)); padding: 0; text-align: left; vertical-align: middle; }
  thead th { padding: 6px 8px; font-weight: 600; background: var(--vscode-editorWidget-background); }
  thead th .status { display: block; font-weight: normal; color: var(--vscode-descriptionForeground); font-size: 0.9em; }
  th.story { padding: 0; font-weight: normal; min-width: 14em; }
  button { font: inherit; color: inherit; background: transparent; border: 0; width: 100%; height: 100%; text-align: left; padding: 6px 8px; cursor: pointer; }
  button:hover { background: var(--vscode-list-hoverBackground); }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
  .story .title { display: block; font-weight: 600; }
  .story .path { display: block; color: var(--vscode-descriptionForeground); font-size: 0.9em; }
  td.none { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); text-align: center; padding: 6px 8px; }
  .cell .state { font-weight: 600; }
  .cell .filters { margin-left: 0.5em; }
  td.ready { border-left: 4px solid var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
  td.ready .state { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
  td.claimed { border-left: 4px solid var(--vscode-editorWarning-foreground, var(--vscode-charts-yellow)); }
  td.claimed .state { color: var(--vscode-editorWarning-foreground, var(--vscode-charts-yellow)); }
  .legend { margin-top: 12px; color: var(--vscode-descriptionForeground); }
  .empty { color: var(--vscode-descriptionForeground); }
`;

const SCRIPT = `
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-path]') : null;
    if (target) vscode.postMessage({ type: 'open', path: target.getAttribute('data-path'), question: target.getAttribute('data-question') });
  });
`;

function cell(story: MatrixStory, question: MatrixQuestion): string {
  const state = cellState(story, question.id);
  const label = cellLabel(story, question.id);
  if (state === 'none') return `<td class="cell none" data-state="none" aria-label="${escapeHtml(`${story.title}: does not claim ${question.title}`)}">—</td>`;
  const describe = `${story.title} · ${question.title}: ${state}, ${label.filters} filters passed. Click to open the story.`;
  return (
    `<td class="cell ${state}" data-state="${state}">` +
    `<button type="button" data-path="${escapeHtml(story.path)}" data-question="${escapeHtml(question.id)}" title="${escapeHtml(describe)}">` +
    `<span class="state">${state}</span> <span class="filters">${label.filters}</span>` +
    `</button></td>`
  );
}

export function renderMatrixHtml(input: MatrixInput): string {
  const { stories, questions, nonce, cspSource } = input;
  const head =
    `<th scope="col">Story</th>` +
    questions
      .map((q) => `<th scope="col" data-question="${escapeHtml(q.id)}">${escapeHtml(q.title)}<span class="status">${STATUS_TEXT[q.status]}</span></th>`)
      .join('');
  const rows = stories
    .map((story) => {
      const practised = story.lastPracticed ? ` · practised ${escapeHtml(story.lastPracticed)}` : '';
      return (
        `<tr data-story="${escapeHtml(story.path)}">` +
        `<th scope="row" class="story"><button type="button" data-path="${escapeHtml(story.path)}">` +
        `<span class="title">${escapeHtml(story.title || story.path)}</span>` +
        `<span class="path">${escapeHtml(story.path)} · ${story.filtersPassed}/${story.filterCount} filters${practised}</span></button></th>` +
        questions.map((question) => cell(story, question)).join('') +
        `</tr>`
      );
    })
    .join('\n');
  const body =
    stories.length === 0
      ? `<p class="empty">No stories yet. A story is a Markdown file whose frontmatter has a title and the question types it answers.</p>`
      : `<table aria-label="Stories against question types"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>` +
        `<p class="legend"><strong>ready</strong> passes all three filters with no errors and has the answer shape this question needs · <strong>claimed</strong> lists the question type but needs work · <strong>—</strong> does not claim it. The fraction is the filters passed (tradeoff, role, result).</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Coverage matrix</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<h1>Coverage matrix</h1>
<p class="sub">${escapeHtml(input.profileTitle ?? '')}${input.profileTitle ? ' · ' : ''}${stories.length} stor${stories.length === 1 ? 'y' : 'ies'} × ${questions.length} question types</p>
${body}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}
