import type { ParsedStory } from '../../story/parse';
import { trimSpan } from '../../text';
import type { Section, SectionKind, Span, TextEdit } from '../../types';

/** The line break the file already uses, so inserted text does not mix CRLF and LF. */
export function lineBreakOf(story: ParsedStory): string {
  return story.text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * An edit that adds `sentence` at the end of a section. Under a heading it becomes a paragraph of its own
 * after the section's last text; in a story without headings it joins the section's last sentence, because
 * a new paragraph would change how the sections are inferred.
 */
export function appendToSection(story: ParsedStory, section: Section, sentence: string): TextEdit {
  if (section.headingSpan) {
    const body = trimSpan(story.text, section.bodySpan);
    const at = body ? body.end : section.headingSpan.end;
    const eol = lineBreakOf(story);
    return { span: { start: at, end: at }, newText: `${eol}${eol}${sentence}` };
  }
  const last = section.sentences[section.sentences.length - 1];
  const at = last ? last.span.end : section.bodySpan.end;
  return { span: { start: at, end: at }, newText: ` ${sentence}` };
}

/** An edit that adds `sentence` at the very end of the story body. */
export function appendToBody(story: ParsedStory, sentence: string): TextEdit {
  const body = trimSpan(story.text, story.bodySpan);
  const eol = lineBreakOf(story);
  if (!body) {
    const at = story.bodySpan.end;
    const lead = at > 0 && story.text[at - 1] !== '\n' ? eol : '';
    return { span: { start: at, end: at }, newText: `${lead}${sentence}${eol}` };
  }
  return { span: { start: body.end, end: body.end }, newText: `${eol}${eol}${sentence}` };
}

export function sectionOf(story: ParsedStory, kind: SectionKind): Section | undefined {
  return story.sections.find((section) => section.kind === kind);
}

/** The closing `---` of the frontmatter, or the first visible line of the file: where to report on an empty story. */
export function emptyStorySpan(story: ParsedStory): Span {
  const heading = story.headings[0];
  if (heading) return heading.span;
  const frontmatter = story.frontmatter;
  if (frontmatter) {
    const closer = trimSpan(story.text, { start: frontmatter.contentSpan.end, end: frontmatter.span.end });
    if (closer) return closer;
    return frontmatter.openerSpan;
  }
  return { start: 0, end: story.text.length };
}

/**
 * Widens a span that starts or ends between the two halves of a surrogate pair (sentence offsets can drift
 * after HTML entities such as `&amp;`), so a finding never marks half a character.
 */
export function wholeCharacters(text: string, span: Span): Span {
  let { start, end } = span;
  if (start > 0 && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) start--;
  if (end > 0 && end < text.length && isLowSurrogate(text.charCodeAt(end)) && isHighSurrogate(text.charCodeAt(end - 1))) end++;
  return { start, end };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
