import type { SectionKind } from '../types';

const HEADING_SYNONYMS: Record<SectionKind, readonly string[]> = {
  context: ['situation', 'context', 'background'],
  task: ['task', 'goal', 'problem'],
  action: ['action', 'actions', 'what i did'],
  result: ['result', 'results', 'outcome', 'impact'],
  lesson: ['lesson', 'lessons', 'learning', 'learnings', 'reflection', 'what i learned', 'what i learnt', 'what changed'],
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
