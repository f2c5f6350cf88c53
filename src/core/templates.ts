// Story skeletons generated from a profile's answer shapes. One source for the editor's
// "New Story" command and for snippets/markdown.json (scripts/snippets.ts writes it).
import type { Profile, QuestionType, ShapeCheck } from './profiles';
import { SECTION_TITLES } from './story/sections';
import type { SectionKind } from './types';

/** The sections a skeleton contains, in spoken order. */
export const TEMPLATE_SECTIONS: readonly SectionKind[] = ['context', 'action', 'result', 'lesson'];

/** One line per section when the answer shape says nothing about it. */
export const SECTION_PROMPTS: Readonly<Record<SectionKind, string>> = {
  context: 'Where you were, what was at stake, and why it fell to you',
  task: 'What you had to achieve or decide, in one sentence',
  action: 'What you did, in the first person: the choice, what you gave up, who you moved',
  result: 'What happened, with a number, a before/after or a date met',
  lesson: 'What you do differently since, with one example',
};

/**
 * Which section each answer-shape step belongs to, by the question's shape check. The steps of a profile
 * without a known shape are spread by position: first = situation, last = result, the rest = action.
 */
const STEP_SECTIONS: Readonly<Record<ShapeCheck, readonly SectionKind[]>> = {
  options: ['context', 'action', 'action', 'action', 'result'],
  feedback: ['context', 'context', 'action', 'result'],
  commitment: ['context', 'action', 'action', 'action'],
  ownership: ['context', 'context', 'action', 'lesson'],
  influence: ['context', 'action', 'result'],
};

export interface TemplateSection {
  kind: SectionKind;
  heading: string;
  /** One-line prompts, from the question's answer shape where it covers this section. */
  prompts: string[];
}

function stepSection(question: QuestionType, index: number): SectionKind {
  const mapped = question.shapeCheck ? STEP_SECTIONS[question.shapeCheck] : undefined;
  if (mapped && mapped.length === question.answerShape.length) return mapped[index];
  const last = question.answerShape.length - 1;
  return index === 0 ? 'context' : index === last ? 'result' : 'action';
}

/** The skeleton's sections for a question type, each with the prompts that tell the candidate what goes there. */
export function templateSections(question: QuestionType): TemplateSection[] {
  return TEMPLATE_SECTIONS.map((kind) => {
    const steps = question.answerShape.filter((_, index) => stepSection(question, index) === kind);
    return { kind, heading: SECTION_TITLES[kind], prompts: steps.length > 0 ? steps : [SECTION_PROMPTS[kind]] };
  });
}

/** A YAML scalar for a title: plain when that is safe, double-quoted otherwise. */
export function yamlString(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ,.'()?!/-]*$/u.test(value) && !/\s$/.test(value) ? value : JSON.stringify(value);
}

/** "Shrinking the free trial!" -> "shrinking-the-free-trial"; never empty. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'story';
}

/**
 * A new story file: frontmatter, then one heading per section with the prompts as HTML comments
 * (comments are not prose, so they never count as words or sentences).
 */
export function storyTemplate(question: QuestionType, title: string, eol = '\n'): string {
  const lines = ['---', `title: ${yamlString(title)}`, `questions: [${question.id}]`, 'status: draft', '---', ''];
  for (const section of templateSections(question)) {
    lines.push(`## ${section.heading}`, '');
    for (const prompt of section.prompts) lines.push(`<!-- ${prompt}. -->`);
    lines.push('');
  }
  return lines.join(eol);
}

export interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** A full story skeleton per question type, and one snippet per section; keys are the snippet names. */
export function buildSnippets(profile: Profile): Record<string, Snippet> {
  const snippets: Record<string, Snippet> = {};
  for (const question of profile.questions) {
    let stop = 1;
    const body = ['---', `title: \${${stop++}:${escapeSnippet('A short title')}}`, `questions: [${question.id}]`, 'status: draft', '---', ''];
    for (const section of templateSections(question)) {
      body.push(`## ${section.heading}`, '');
      body.push(section.prompts.map((prompt) => `\${${stop++}:${escapeSnippet(prompt)}.}`).join(' '), '');
    }
    body[body.length - 1] = '$0';
    snippets[`Story: ${question.title}`] = {
      prefix: `story-${question.id}`,
      description: `A ${question.id} story skeleton: ${question.question}`,
      body,
    };
  }
  for (const kind of TEMPLATE_SECTIONS) {
    const heading = SECTION_TITLES[kind];
    snippets[`Section: ${heading}`] = {
      prefix: `section-${heading.toLowerCase()}`,
      description: `A ${heading} section heading with a prompt`,
      body: [`## ${heading}`, '', `\${1:${escapeSnippet(SECTION_PROMPTS[kind])}.}`, '$0'],
    };
  }
  return snippets;
}
