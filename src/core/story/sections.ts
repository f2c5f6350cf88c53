import type { SectionKind } from '../types';

const HEADING_SYNONYMS: Record<SectionKind, readonly string[]> = {
  context: ['situation', 'context', 'background', 'setting'],
  task: ['task', 'goal', 'problem', 'challenge'],
  action: ['action', 'actions', 'what i did', 'approach', 'my actions'],
  result: ['result', 'results', 'outcome', 'outcomes', 'impact'],
  lesson: ['lesson', 'lessons', 'learning', 'learnings', 'reflection', 'what i learned', 'what i learnt', 'what changed', 'takeaway', 'takeaways'],
};

const KIND_BY_TITLE = new Map<string, SectionKind>(
  Object.entries(HEADING_SYNONYMS).flatMap(([kind, titles]) => titles.map((title) => [title, kind as SectionKind])),
);

/** The section a heading opens, judged by its text: "Result", "Outcome (Q3)" and "3. What I did" all count. */
export function sectionKindOfHeading(text: string): SectionKind | undefined {
  const normalized = text
    .toLowerCase()
    .replace(/[*_`~]/g, '')
    .replace(/^[\s\d.)#:-]+/, '')
    .replace(/\s*[(:–—-].*$/, '')
    .replace(/[^\p{L}\s']/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return KIND_BY_TITLE.get(normalized);
}

export const SECTION_TITLES: Record<SectionKind, string> = {
  context: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  lesson: 'Lesson',
};

const LETTER_LABELS: Record<string, SectionKind> = { s: 'context', c: 'context', t: 'task', a: 'action', r: 'result', l: 'lesson' };
const INLINE_LABEL = /^[\s>*_\-+•]*(?:\d+[.)]\s*)?[*_]{0,2}\s*([A-Za-z][A-Za-z ']{0,24}?)\s*[*_]{0,2}\s*(?::|[*_]{0,2}\s*$)/;

/**
 * The section an inline label opens at the start of a paragraph or list item of a story without headings:
 * "**Result:** …", "- Context: …", "R: …", or a bold "**Action**" line.
 */
export function sectionKindOfInlineLabel(lineStart: string): SectionKind | undefined {
  const match = INLINE_LABEL.exec(lineStart);
  if (!match) return undefined;
  const label = match[1].trim().toLowerCase();
  return label.length === 1 ? LETTER_LABELS[label] : KIND_BY_TITLE.get(label.replace(/\s+/g, ' '));
}
