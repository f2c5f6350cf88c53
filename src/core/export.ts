// The cheat sheet: a one-page summary of the ready stories per question type (Markdown and HTML) and a CSV
// matrix of stories against question types. Pure: text in, text out; the CLI and the editor write the files.
// Every sentence is taken from the story's own text: the hook is its first context sentence, and the tradeoff
// and result are the evidence the tradeoff and result filters recorded.
import { isReadyFor } from './coverage';
import type { StoryResult, StorySummary } from './lint';
import type { Profile } from './profiles';
import type { ParsedStory } from './story/parse';
import type { Sentence } from './types';
import { escapeHtml } from './text';

/** A checked story with its parse, which the hook needs. */
export interface ExportStory {
  path: string;
  result: StoryResult;
}

export interface CheatSheet {
  markdown: string;
  html: string;
  csv: string;
}

/** The names `storybank export` and the editor command write. */
export const CHEAT_SHEET_FILES = { markdown: 'cheat-sheet.md', html: 'cheat-sheet.html', csv: 'coverage.csv' } as const;

export type Readiness = 'ready' | 'claimed-not-ready' | 'empty';

export interface CheatSheetStory {
  path: string;
  title: string;
  hook: string | undefined;
  tradeoff: string | undefined;
  result: string | undefined;
}

export interface CheatSheetSection {
  id: string;
  title: string;
  question: string;
  ready: CheatSheetStory[];
  /** Stories that claim the type but are not ready yet. */
  claimed: number;
}

const HOOK_MAX = 160;

/** The summary in data form, one section per question type of the profile, in profile order. */
export function cheatSheetSections(profile: Profile, stories: readonly ExportStory[]): CheatSheetSection[] {
  const summaries = new Map<string, CheatSheetStory>();
  const summary = (entry: ExportStory): CheatSheetStory => {
    let found = summaries.get(entry.path);
    if (!found) {
      const story = entry.result.story;
      found = {
        path: entry.path,
        title: oneLine(entry.result.title) || entry.path,
        hook: hookOf(story),
        tradeoff: oneLine(entry.result.evidence.tradeoff?.text ?? '') || undefined,
        result: oneLine(entry.result.evidence.result?.text ?? '') || undefined,
      };
      summaries.set(entry.path, found);
    }
    return found;
  };
  return profile.questions.map((question) => {
    const claiming = stories.filter((entry) => entry.result.isStory && entry.result.questions.includes(question.id));
    const ready = claiming.filter((entry) => isReadyFor(entry.result, question.id));
    return {
      id: question.id,
      title: question.title,
      question: question.question,
      ready: ready.map(summary),
      claimed: claiming.length - ready.length,
    };
  });
}

export function readinessOf(entry: { result: StorySummary }, questionId: string): Readiness {
  if (!entry.result.isStory || !entry.result.questions.includes(questionId)) return 'empty';
  return isReadyFor(entry.result, questionId) ? 'ready' : 'claimed-not-ready';
}

export function buildCheatSheet(profile: Profile, stories: readonly ExportStory[]): CheatSheet {
  const sorted = [...stories].filter((entry) => entry.result.isStory).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sections = cheatSheetSections(profile, sorted);
  return {
    markdown: toMarkdown(profile, sections),
    html: toHtml(profile, sections),
    csv: toCsv(profile, sorted),
  };
}

// ---- taking sentences from the story ----------------------------------------------------------------------

/** The first sentence of the context (or task); else the story's first sentence. */
function hookOf(story: ParsedStory): string | undefined {
  const first =
    story.sentences.find((sentence) => sentence.section === 'context') ?? story.sentences.find((sentence) => sentence.section === 'task') ?? story.sentences[0];
  const text = sentenceText(first);
  if (!text || text.length <= HOOK_MAX) return text;
  const cut = text.slice(0, HOOK_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > HOOK_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

function sentenceText(sentence: Sentence | undefined): string | undefined {
  return sentence ? oneLine(sentence.text) || undefined : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// ---- Markdown --------------------------------------------------------------------------------------------

/** Backslash-escapes the characters that would turn story text into markup (HTML, links, emphasis, tables). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#|~&!]/g, '\\$&');
}

function toMarkdown(profile: Profile, sections: readonly CheatSheetSection[]): string {
  const out: string[] = [`# Story Bank cheat sheet: ${escapeMarkdown(profile.title)}`, ''];
  for (const section of sections) {
    out.push(`## ${escapeMarkdown(section.title)}`, '', `*${escapeMarkdown(section.question)}*`, '');
    if (section.ready.length === 0) {
      out.push(`No ready story yet${section.claimed ? ` (${section.claimed} claimed, not ready)` : ''}.`, '');
      continue;
    }
    for (const story of section.ready) {
      out.push(`- **${escapeMarkdown(story.title)}**${story.hook ? `: ${escapeMarkdown(story.hook)}` : ''}`);
      if (story.tradeoff) out.push(`  - Tradeoff: ${escapeMarkdown(story.tradeoff)}`);
      if (story.result) out.push(`  - Result: ${escapeMarkdown(story.result)}`);
    }
    out.push('');
  }
  return out.join('\n');
}

// ---- HTML ------------------------------------------------------------------------------------------------

const STYLE = `
@page { size: auto; margin: 12mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1rem; }
h1 { font-size: 14pt; margin: 0 0 .5rem; }
main { column-width: 22rem; column-gap: 1.5rem; }
section { break-inside: avoid; margin: 0 0 .8rem; }
h2 { font-size: 11pt; margin: 0; border-bottom: 1px solid #999; }
.question { font-style: italic; margin: .15rem 0 .3rem; color: #333; }
ul { margin: 0; padding-left: 1rem; }
li { margin: 0 0 .3rem; }
.label { font-weight: 600; }
.empty { color: #555; margin: 0; }
@media print { body { padding: 0; max-width: none; } }
`.trim();

function toHtml(profile: Profile, sections: readonly CheatSheetSection[]): string {
  const parts = sections.map((section) => {
    const body =
      section.ready.length === 0
        ? `<p class="empty">No ready story yet${section.claimed ? ` (${section.claimed} claimed, not ready)` : ''}.</p>`
        : `<ul>\n${section.ready.map(storyHtml).join('\n')}\n</ul>`;
    return `<section>\n<h2>${escapeHtml(section.title)}</h2>\n<p class="question">${escapeHtml(section.question)}</p>\n${body}\n</section>`;
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Story Bank cheat sheet: ${escapeHtml(profile.title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    `<h1>Story Bank cheat sheet: ${escapeHtml(profile.title)}</h1>`,
    '<main>',
    ...parts,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function storyHtml(story: CheatSheetStory): string {
  const lines = [`<li><span class="label">${escapeHtml(story.title)}</span>${story.hook ? `: ${escapeHtml(story.hook)}` : ''}`];
  if (story.tradeoff) lines.push(`<br><span class="label">Tradeoff:</span> ${escapeHtml(story.tradeoff)}`);
  if (story.result) lines.push(`<br><span class="label">Result:</span> ${escapeHtml(story.result)}`);
  return `${lines.join('')}</li>`;
}

// ---- CSV -------------------------------------------------------------------------------------------------

/**
 * One RFC 4180 field. A value a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
 * is prefixed with a single quote, so it is shown as text.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function toCsv(profile: Profile, stories: readonly ExportStory[]): string {
  const rows = [['story', 'path', ...profile.questions.map((question) => question.id)]];
  for (const entry of stories) {
    rows.push([
      oneLine(entry.result.title) || entry.path,
      entry.path,
      ...profile.questions.map((question) => {
        const readiness = readinessOf(entry, question.id);
        return readiness === 'empty' ? '' : readiness;
      }),
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
