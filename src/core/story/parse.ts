import type { Html, Paragraph as MdParagraph, Root as MdRoot, RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { toNlcst } from 'mdast-util-to-nlcst';
import { decodeString } from 'micromark-util-decode-string';
import type { Nodes as NlNode, Paragraph as NlParagraph, Root as NlRoot, Sentence as NlSentence } from 'nlcst';
import { ParseEnglish } from 'parse-english';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { LineIndex, trimSpan } from '../text';
import { SECTION_KINDS, type Section, type SectionKind, type Sentence, type Span, type Word } from '../types';
import { readFrontmatter, spanOfPath, type Frontmatter } from './frontmatter';
import { DEFAULT_PROFILE_ID } from '../profiles';
import { StoryMetaSchema, type StoryMeta } from './schema';
import { sectionKindOfInlineLabel, sectionKindOfHeading } from './sections';

/**
 * Beyond this size a file is not a spoken story (two minutes is about 2 KB); its prose is not analysed. The sentence
 * splitter is quadratic in the blocks of a file and overflows the stack on a paragraph of ~100,000 words.
 */
export const MAX_ANALYZED_CHARS = 32 * 1024;
/** Container markers (`>`, `-`, `1.`) on one line beyond which Markdown parsing turns quadratic. */
export const MAX_NESTING = 64;
/** Emphasis markers (`*`, `_`) and link brackets (`[`) beyond which the Markdown parser's matching takes seconds. */
export const MAX_EMPHASIS_MARKERS = 1000;
export const MAX_LINK_BRACKETS = 500;

export interface MetaIssue {
  message: string;
  span: Span;
  /** The frontmatter key the issue is about, when there is one. */
  path: readonly PropertyKey[];
}

export interface QuestionRef {
  id: string;
  span: Span;
  /** The profile key the id is listed under (`questions: {amazon-lp: [...]}`); undefined in a plain list. */
  profile?: string;
}

/** A profile key of a `questions` map, where it is written. */
export interface QuestionProfileKey {
  id: string;
  span: Span;
}

export interface Heading {
  depth: number;
  text: string;
  span: Span;
  kind: SectionKind | undefined;
}

export interface DisableDirectives {
  /** Rule ids disabled for the whole file; `'*'` disables all. */
  file: Set<string>;
  /** 0-based line -> rule ids disabled on that line. */
  lines: Map<number, Set<string>>;
}

export interface ParsedStory {
  /** The file text with lone CRs turned into LFs: same length, so offsets match the original. */
  text: string;
  lines: LineIndex;
  frontmatter: Frontmatter | undefined;
  /** The validated frontmatter, or undefined when it has schema problems. */
  meta: StoryMeta | undefined;
  metaIssues: MetaIssue[];
  /** Title as written, even when the rest of the frontmatter is invalid. */
  title: string | undefined;
  /**
   * The question ids the story claims in the active profile. `parseStory` alone fills it for the default
   * profile; linting resolves it for the configured one (see `questionsFor`).
   */
  questions: QuestionRef[];
  /** Every question id in the frontmatter, plain list or keyed by profile. */
  questionRefs: QuestionRef[];
  /** The profile keys when `questions` is a map; empty for a plain list. */
  questionProfiles: QuestionProfileKey[];
  /** True when the file declares (or seems to declare) `questions`: only such files are stories. */
  isStory: boolean;
  bodySpan: Span;
  tree: MdRoot | undefined;
  /** Why the body was not analysed (too large, too deeply nested); undefined when it was. */
  skippedAnalysis: { reason: string; span: Span } | undefined;
  headings: Heading[];
  /** Sections in file order; inferred from sentence position when the story has no section headings. */
  sections: Section[];
  hasSectionHeadings: boolean;
  /** Without headings: whether inline labels ("**Result:** …") placed the sections, rather than position. */
  hasSectionLabels: boolean;
  sentences: Sentence[];
  wordCount: number;
  directives: DisableDirectives;
}

const markdownParser = unified().use(remarkParse);

export function parseStory(input: string): ParsedStory {
  const text = input.replace(/\r(?!\n)/g, '\n');
  const lines = new LineIndex(text);
  const frontmatter = readFrontmatter(text);
  const bodyStart = frontmatter ? Math.min(text.length, frontmatter.span.end) : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const bodySpan = { start: bodyStart, end: text.length };
  const { meta, metaIssues, title, questionRefs, questionProfiles } = readMeta(frontmatter);
  const story: ParsedStory = {
    text,
    lines,
    frontmatter,
    meta,
    metaIssues,
    title,
    questions: questionsFor(questionRefs, DEFAULT_PROFILE_ID, DEFAULT_PROFILE_ID),
    questionRefs,
    questionProfiles,
    isStory: declaresQuestions(frontmatter, text),
    bodySpan,
    tree: undefined,
    skippedAnalysis: undefined,
    headings: [],
    sections: [],
    hasSectionHeadings: false,
    hasSectionLabels: false,
    sentences: [],
    wordCount: 0,
    directives: { file: new Set(), lines: new Map() },
  };
  if (!story.isStory) return story;

  story.skippedAnalysis = reasonToSkip(text, bodySpan);
  if (story.skippedAnalysis) return story;

  // Blank the frontmatter (keeping line breaks) so remark sees the body at its real offsets.
  const blanked = text.slice(0, bodyStart).replace(/[^\r\n]/g, ' ') + text.slice(bodyStart);
  const tree = markdownParser.parse(blanked) as MdRoot;
  story.tree = tree;
  story.directives = readDirectives(tree, lines);
  story.headings = collectHeadings(tree);
  story.sentences = splitAtLineLabels(collectSentences(tree, blanked), blanked);
  story.sections = assignSections(story);
  story.hasSectionHeadings = story.sections.some((section) => section.headingSpan);
  story.wordCount = story.sentences.reduce((sum, sentence) => sum + sentence.words.length, 0);
  return story;
}

/**
 * The ids a story claims in one profile: a plain list belongs to `listProfileId` (the bank's configured
 * profile); a map's entry for `profileId` otherwise. A story with no entry for the profile claims nothing in it.
 */
export function questionsFor(refs: readonly QuestionRef[], profileId: string, listProfileId: string): QuestionRef[] {
  return refs.filter((ref) => (ref.profile ?? listProfileId) === profileId);
}

type MetaParts = Pick<ParsedStory, 'meta' | 'metaIssues' | 'title' | 'questionRefs' | 'questionProfiles'>;

function readMeta(frontmatter: Frontmatter | undefined): MetaParts {
  const data = frontmatter?.data;
  if (!frontmatter || !data) return { meta: undefined, metaIssues: [], title: undefined, questionRefs: [], questionProfiles: [] };
  const offset = frontmatter.contentSpan.start;
  const title = typeof data.title === 'string' ? data.title.trim() || undefined : undefined;
  const questionRefs: QuestionRef[] = [];
  const questionProfiles: QuestionProfileKey[] = [];
  const readList = (list: unknown, path: readonly PropertyKey[], profile: string | undefined) => {
    if (!Array.isArray(list)) return;
    list.forEach((id, index) => {
      if (typeof id !== 'string') return;
      const span = spanOfPath(frontmatter.document, [...path, index], offset) ?? frontmatter.openerSpan;
      questionRefs.push(profile === undefined ? { id, span } : { id, span, profile });
    });
  };
  const questions = data.questions;
  if (Array.isArray(questions)) readList(questions, ['questions'], undefined);
  else if (questions !== null && typeof questions === 'object') {
    for (const [profile, list] of Object.entries(questions as Record<string, unknown>)) {
      const span = spanOfPath(frontmatter.document, ['questions', profile], offset, true) ?? frontmatter.openerSpan;
      questionProfiles.push({ id: profile, span });
      readList(list, ['questions', profile], profile);
    }
  }
  const parsed = StoryMetaSchema.safeParse(data);
  if (parsed.success) return { meta: parsed.data, metaIssues: [], title, questionRefs, questionProfiles };
  const metaIssues = parsed.error.issues.map((issue) => {
    const path = issue.path as PropertyKey[];
    const missing = issue.code === 'invalid_type' && readPath(data, path) === undefined;
    const span =
      (missing ? undefined : spanOfPath(frontmatter.document, path, offset)) ??
      spanOfPath(frontmatter.document, path.slice(0, 1), offset, true) ??
      frontmatter.openerSpan;
    const key = path.length ? `"${path.join('.')}": ` : '';
    return { message: `${key}${issue.message}`, span, path };
  });
  return { meta: undefined, metaIssues, title, questionRefs, questionProfiles };
}

function readPath(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function declaresQuestions(frontmatter: Frontmatter | undefined, text: string): boolean {
  if (!frontmatter) return false;
  // Refused languages count as stories so that the refusal is shown rather than the file silently ignored.
  if (frontmatter.problems.some((problem) => problem.kind === 'refused-language')) return true;
  if (frontmatter.data) return Object.prototype.hasOwnProperty.call(frontmatter.data, 'questions');
  // Unreadable frontmatter is still a story when its raw text names the key, so that the problem gets shown.
  const raw = text.slice(frontmatter.span.start, frontmatter.span.end);
  return /(^|[\s{,])["']?questions["']?\s*[:=]/m.test(raw);
}

function reasonToSkip(text: string, body: Span): ParsedStory['skippedAnalysis'] {
  const firstLine = trimSpan(text, { start: body.start, end: Math.min(text.length, body.start + 200) }) ?? {
    start: Math.max(0, text.length - 1),
    end: text.length,
  };
  const firstLineEnd = text.indexOf('\n', firstLine.start);
  const span = {
    start: firstLine.start,
    end: firstLineEnd > firstLine.start ? (trimSpan(text, { start: firstLine.start, end: firstLineEnd })?.end ?? firstLine.end) : firstLine.end,
  };
  // The whole file counts: a blanked frontmatter costs the Markdown parser as much as prose does.
  const size = text.length;
  if (size > MAX_ANALYZED_CHARS) {
    return {
      reason: `This story is ${Math.round(size / 1024)} KB long; a two-minute answer is about 2 KB. Its prose was not analysed. Split it into separate stories or trim it.`,
      span,
    };
  }
  // A quote marker needs no space after it (`>>>` nests three quotes); a list marker does.
  const nesting = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))){65,}/m.exec(text.slice(body.start));
  if (nesting) {
    const start = body.start + nesting.index;
    return {
      reason: `Lists or quotes here are nested more than ${MAX_NESTING} levels deep, which no spoken story needs. The prose was not analysed; flatten the nesting.`,
      span: { start, end: Math.min(start + nesting[0].length, text.length) },
    };
  }
  const crowded = crowdedMarkup(text, body.start);
  if (crowded) {
    const lineStart = text.lastIndexOf('\n', crowded.at) + 1;
    const lineEnd = text.indexOf('\n', crowded.at);
    return {
      reason: `This story has more than ${crowded.limit} ${crowded.what}, which no spoken story needs and which slow Markdown parsing to a crawl. The prose was not analysed; remove the extra markup.`,
      span: trimSpan(text, { start: lineStart, end: lineEnd === -1 ? text.length : lineEnd }) ?? { start: crowded.at, end: crowded.at + 1 },
    };
  }
  return undefined;
}

/** Where the body first has too many emphasis markers or link brackets (nested ones cost the parser quadratic time). */
function crowdedMarkup(text: string, from: number): { what: string; limit: number; at: number } | undefined {
  let emphasis = 0;
  let brackets = 0;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code === 42 /* * */ || code === 95) /* _ */ && ++emphasis > MAX_EMPHASIS_MARKERS) {
      return { what: 'emphasis markers (* or _)', limit: MAX_EMPHASIS_MARKERS, at: i };
    }
    if (code === 91 /* [ */ && ++brackets > MAX_LINK_BRACKETS) return { what: 'link or image brackets ([)', limit: MAX_LINK_BRACKETS, at: i };
  }
  return undefined;
}

function readDirectives(tree: MdRoot, lines: LineIndex): DisableDirectives {
  const directives: DisableDirectives = { file: new Set(), lines: new Map() };
  const visit = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'html') readDirective(node, lines, directives);
      if ('children' in node) visit(node.children as RootContent[]);
    }
  };
  visit(tree.children);
  return directives;
}

function readDirective(node: Html, lines: LineIndex, directives: DisableDirectives): void {
  const pattern = /<!--\s*storybank-disable(-next-line)?((?:\s+[a-z0-9-]+)*)\s*-->/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(node.value))) {
    const ids = match[2].trim().split(/\s+/).filter(Boolean);
    const targets = ids.length ? ids : ['*'];
    if (match[1]) {
      const commentEnd = (node.position?.start.offset ?? 0) + match.index + match[0].length;
      const line = lines.positionAt(commentEnd).line + 1;
      const set = directives.lines.get(line) ?? new Set<string>();
      targets.forEach((id) => set.add(id));
      directives.lines.set(line, set);
    } else {
      targets.forEach((id) => directives.file.add(id));
    }
  }
}

/** Top-level headings only: a heading inside a quote or a list does not open a section. */
function collectHeadings(tree: MdRoot): Heading[] {
  const headings: Heading[] = [];
  for (const node of tree.children) {
    if (node.type !== 'heading' || !node.position) continue;
    const text = mdastToString(node, { includeHtml: false });
    headings.push({
      depth: node.depth,
      text,
      span: { start: node.position.start.offset ?? 0, end: node.position.end.offset ?? 0 },
      kind: sectionKindOfHeading(text),
    });
  }
  return headings;
}

const NLCST_IGNORED = ['heading', 'code', 'html', 'table', 'definition'];

/** Paragraphs per mdast-util-to-nlcst call: its sentence splitter slices the rest of the text at every paragraph. */
const PARAGRAPHS_PER_BATCH = 32;

function collectSentences(tree: MdRoot, text: string): Sentence[] {
  const file = new VFile({ value: text });
  const offsets = new SourceOffsets(tree, text);
  // All prose sits in paragraphs; converting them in batches keeps a long list from taking quadratic time.
  const paragraphs: MdParagraph[] = [];
  const gather = (node: MdRoot | RootContent) => {
    if (NLCST_IGNORED.includes(node.type)) return;
    if (node.type === 'paragraph') {
      if (node.position) paragraphs.push(node);
    } else if ('children' in node) (node.children as RootContent[]).forEach(gather);
  };
  gather(tree);
  const sentences: Sentence[] = [];
  const visit = (node: NlRoot | NlParagraph) => {
    for (const child of node.children) {
      if (child.type === 'ParagraphNode') visit(child);
      else if (child.type === 'SentenceNode') {
        const sentence = toSentence(child, offsets);
        if (sentence) sentences.push(sentence);
      }
    }
  };
  for (let index = 0; index < paragraphs.length; index += PARAGRAPHS_PER_BATCH) {
    const batch = paragraphs.slice(index, index + PARAGRAPHS_PER_BATCH);
    const root: MdRoot = { type: 'root', children: batch, position: { start: batch[0].position!.start, end: batch[batch.length - 1].position!.end } };
    visit(toNlcst(root, file, ParseEnglish, { ignore: NLCST_IGNORED }) as NlRoot);
  }
  return sentences;
}

/**
 * Notes written line by line run into one sentence when a line has no closing punctuation. A line that opens with
 * a section label ("Result: process ran…", "lesson: check the calendar") starts a sentence of its own, so it can
 * open its section.
 */
function splitAtLineLabels(sentences: Sentence[], text: string): Sentence[] {
  return sentences.flatMap((sentence) => {
    const cuts: number[] = [];
    for (let at = text.indexOf('\n', sentence.span.start); at >= 0 && at < sentence.span.end; at = text.indexOf('\n', at + 1)) {
      const lineEnd = text.indexOf('\n', at + 1);
      if (isLabelLine(text.slice(at + 1, lineEnd < 0 ? text.length : Math.min(lineEnd, at + 64)))) cuts.push(at);
    }
    if (cuts.length === 0) return [sentence];
    const groups: Word[][] = [[]];
    let next = 0;
    for (const word of sentence.words) {
      while (next < cuts.length && word.span.start > cuts[next]) {
        if (groups[groups.length - 1].length > 0) groups.push([]);
        next++;
      }
      groups[groups.length - 1].push(word);
    }
    return groups.filter((words) => words.length > 0).map((words) => (groups.length === 1 ? sentence : sentencePart(sentence, text, words)));
  });
}

/** A line that opens with a section label and a colon: "Result: …", "**lesson:** …", "r: …". */
function isLabelLine(line: string): boolean {
  return /^[^:\n]{1,30}:/.test(line) && sectionKindOfInlineLabel(line) !== undefined;
}

function sentencePart(sentence: Sentence, text: string, words: Word[]): Sentence {
  const start = words[0].span.start;
  // The part keeps the punctuation that closes it, as the whole sentence did.
  const end =
    words === sentence.words || words[words.length - 1] === sentence.words[sentence.words.length - 1] ? sentence.span.end : words[words.length - 1].span.end;
  const span = { start: Math.min(start, end), end };
  return { ...sentence, text: text.slice(span.start, span.end), span, words };
}

/** What makes a word count (see `countWords`): a letter or a digit. */
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

function toSentence(node: NlSentence, offsets: SourceOffsets): Sentence | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined || end <= start) return undefined;
  const words: Word[] = [];
  let text = '';
  for (const child of node.children) {
    const childText = nodeText(child);
    text += childText;
    if (child.type !== 'WordNode') continue;
    const wordStart = child.position?.start.offset;
    const wordEnd = child.position?.end.offset;
    if (wordStart === undefined || wordEnd === undefined || !hasWordCharacter(childText)) continue;
    words.push({ text: childText, span: { start: offsets.start(wordStart), end: offsets.end(wordEnd) } });
  }
  if (words.length === 0) return undefined;
  return { text, span: { start: offsets.start(start), end: offsets.end(end) }, words, section: undefined };
}

/** What nlcst-to-string gives, without its intermediate arrays: the node's text values, in order. */
function nodeText(node: NlNode): string {
  if ('value' in node) return node.value;
  let text = '';
  for (const child of node.children) text += nodeText(child);
  return text;
}

/** `HAS_WORD_CHARACTER.test`, answered without the regex when the word starts with an ASCII letter or digit. */
function hasWordCharacter(text: string): boolean {
  const code = text.charCodeAt(0);
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return true;
  return HAS_WORD_CHARACTER.test(text);
}

/** A text node's decoded value, placed where mdast-util-to-nlcst assumes it lies, with each character's real extent. */
interface AlignedText {
  /** mdast-util-to-nlcst places a value's characters at consecutive offsets from the node start. */
  assumedStart: number;
  length: number;
  /** Undefined when the value is written as is: each character then starts at its assumed offset. */
  starts: Int32Array | undefined;
  ends: Int32Array | undefined;
}

const CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * Maps the offsets mdast-util-to-nlcst gives words back to the file. It counts a text node's decoded value from
 * the node's start, which drifts after a character reference (`&amp;`), an escape (`\*`) or a line-start marker of
 * a quote or list continuation (`> `, indentation); here each value character is aligned with its source.
 */
class SourceOffsets {
  private readonly texts: AlignedText[] = [];

  constructor(
    tree: MdRoot,
    private readonly text: string,
  ) {
    const visit = (node: MdRoot | RootContent) => {
      if (NLCST_IGNORED.includes(node.type)) return;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) {
        if (node.type === 'text') this.add(node.value, start, end);
        else if ((node.type === 'image' || node.type === 'imageReference') && node.alt) this.add(node.alt, start + 2, end);
      }
      if ('children' in node) (node.children as RootContent[]).forEach(visit);
    };
    visit(tree);
    this.texts.sort((a, b) => a.assumedStart - b.assumedStart);
  }

  /** The file offset where the character at assumed offset `offset` starts. */
  start(offset: number): number {
    const aligned = this.find(offset, false);
    if (!aligned) return offset;
    return aligned.starts ? aligned.starts[offset - aligned.assumedStart] : offset;
  }

  /** The file offset just past the character that ends at assumed offset `offset`. */
  end(offset: number): number {
    const aligned = this.find(offset, true);
    if (!aligned) return offset;
    return aligned.ends ? aligned.ends[offset - aligned.assumedStart - 1] : offset;
  }

  private find(offset: number, isEnd: boolean): AlignedText | undefined {
    let low = 0;
    let high = this.texts.length - 1;
    let found: AlignedText | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const candidate = this.texts[mid];
      if (isEnd ? candidate.assumedStart < offset : candidate.assumedStart <= offset) {
        found = candidate;
        low = mid + 1;
      } else high = mid - 1;
    }
    if (!found) return undefined;
    const inside = isEnd ? offset <= found.assumedStart + found.length : offset < found.assumedStart + found.length;
    return inside ? found : undefined;
  }

  private add(value: string, from: number, to: number): void {
    const { text } = this;
    if (value.length > 0 && value.length === to - from && text.startsWith(value, from)) {
      // The source is the value itself: the walk below would map each character to its assumed offset, or (where a
      // reference or escape seems to start) fail to align and keep the assumed offsets, which is the same.
      this.texts.push({ assumedStart: from, length: value.length, starts: undefined, ends: undefined });
      return;
    }
    const starts = new Int32Array(value.length);
    const ends = new Int32Array(value.length);
    let j = from;
    for (let i = 0; i < value.length;) {
      if (j >= to) return; // Could not align: keep the assumed offsets.
      const char = text[j];
      if (char === '&') {
        CHARACTER_REFERENCE.lastIndex = j;
        const reference = CHARACTER_REFERENCE.exec(text)?.[0];
        const decoded = reference && decodeString(reference);
        if (reference && decoded && decoded !== reference && value.startsWith(decoded, i)) {
          for (let k = 0; k < decoded.length; k++, i++) {
            starts[i] = j;
            ends[i] = j + reference.length;
          }
          j += reference.length;
          continue;
        }
      }
      if (char === '\\' && text[j + 1] === value[i] && ASCII_PUNCTUATION.test(value[i])) {
        starts[i] = j;
        ends[i] = j + 2;
        i++;
        j += 2;
      } else if (char === value[i] || (char === '\0' && value[i] === '\uFFFD')) {
        starts[i] = j;
        ends[i] = j + 1;
        i++;
        j++;
      } else {
        j++; // Markup the value leaves out: a quote marker, indentation, a line ending's CR.
      }
    }
    if (value.length > 0) this.texts.push({ assumedStart: from, length: value.length, starts, ends });
  }
}

/** Places each sentence in a section: by heading when the story has them, by position otherwise. */
function assignSections(story: ParsedStory): Section[] {
  const { text, headings, sentences } = story;
  const sectionHeadings = headings.filter((heading) => heading.kind);
  const sections: Section[] = [];
  if (sectionHeadings.length > 0) {
    sectionHeadings.forEach((heading, index) => {
      const next = sectionHeadings[index + 1];
      const bodySpanOfSection = { start: heading.span.end, end: next ? next.span.start : text.length };
      const inside = sentences.filter((s) => s.span.start >= bodySpanOfSection.start && s.span.start < bodySpanOfSection.end);
      inside.forEach((sentence) => (sentence.section = heading.kind));
      sections.push(makeSection(heading.kind!, heading.text.trim(), heading.span, bodySpanOfSection, inside));
    });
    return sections;
  }
  if (sentences.length === 0) return sections;
  const labelled = labelledKinds(sentences, text);
  story.hasSectionLabels = labelled !== undefined;
  const kinds = labelled ?? withLoneLabel(inferKinds(sentences, text), sentences, text);
  sentences.forEach((sentence, index) => (sentence.section = kinds[index]));
  for (const kind of SECTION_KINDS) {
    const inside = sentences.filter((sentence) => sentence.section === kind);
    if (inside.length === 0) continue;
    const span = { start: inside[0].span.start, end: inside[inside.length - 1].span.end };
    sections.push(makeSection(kind, kind, undefined, span, inside));
  }
  return sections;
}

/**
 * One "Result:" or "Lesson:" label alone does not make a labelled story, but it still says where its section
 * starts: what follows it is that section. Before a lone Result label, what the position rule placed in the result
 * is action.
 */
function withLoneLabel(kinds: SectionKind[], sentences: Sentence[], text: string): SectionKind[] {
  const at = sentences.findIndex((sentence) => {
    const lineStart = text.lastIndexOf('\n', sentence.span.start - 1) + 1;
    if (!/^[\s>*_\-+•\d.)]*$/.test(text.slice(lineStart, sentence.span.start))) return false;
    const kind = sectionKindOfInlineLabel(text.slice(lineStart, sentence.span.end));
    return kind === 'result' || kind === 'lesson';
  });
  if (at <= 0) return kinds;
  const labelKind = sectionKindOfInlineLabel(text.slice(text.lastIndexOf('\n', sentences[at].span.start - 1) + 1, sentences[at].span.end))!;
  if (labelKind === 'lesson') return kinds.map((kind, index) => (index < at ? kind : 'lesson'));
  return kinds.map((kind, index) => (index >= at ? 'result' : kind === 'result' || kind === 'lesson' ? 'action' : kind));
}

/**
 * Without headings or inline labels: with three or more paragraphs the first sets the context and the last gives
 * the result; otherwise the first fifth of the sentences is context and the last third is the result.
 */
function inferKinds(sentences: Sentence[], text: string): SectionKind[] {
  const paragraphOf = sentences.map((sentence, index) =>
    index === 0 ? 0 : /\n[ \t\r]*\n/.test(text.slice(sentences[index - 1].span.end, sentence.span.start)) ? 1 : 0,
  );
  let paragraph = 0;
  const paragraphIndex = paragraphOf.map((boundary) => (paragraph += boundary));
  const paragraphs = paragraph + 1;
  if (paragraphs >= 3) {
    return paragraphIndex.map((index) => (index === 0 ? 'context' : index === paragraphs - 1 ? 'result' : 'action'));
  }
  const n = sentences.length;
  const contextCount = n >= 3 ? Math.max(1, Math.floor(n / 5)) : 0;
  const resultCount = Math.max(1, Math.ceil(n / 3));
  return sentences.map((_, index) => (index < contextCount ? 'context' : index >= n - resultCount ? 'result' : 'action'));
}

/** Sections opened by inline labels, when the story has at least two of them and one is a result or an action. */
function labelledKinds(sentences: Sentence[], text: string): SectionKind[] | undefined {
  let current: SectionKind = 'context';
  let labels = 0;
  const seen = new Set<SectionKind>();
  const kinds = sentences.map((sentence) => {
    const lineStart = text.lastIndexOf('\n', sentence.span.start - 1) + 1;
    const before = text.slice(lineStart, sentence.span.start);
    if (/^[\s>*_\-+•\d.)]*$/.test(before)) {
      const kind = sectionKindOfInlineLabel(text.slice(lineStart, Math.min(text.length, sentence.span.end)));
      if (kind) {
        current = kind;
        labels++;
        seen.add(kind);
      }
    }
    return current;
  });
  return labels >= 2 && (seen.has('result') || seen.has('action')) ? kinds : undefined;
}

function makeSection(kind: SectionKind, title: string, headingSpan: Span | undefined, bodySpan: Span, sentences: Sentence[]): Section {
  return {
    kind,
    title,
    headingSpan,
    bodySpan,
    sentences,
    wordCount: sentences.reduce((sum, sentence) => sum + sentence.words.length, 0),
  };
}
