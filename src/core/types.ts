// Shared vocabulary of the core. Positions are 0-based and file-relative.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span of UTF-16 offsets into the whole file text. */
export interface Span {
  start: number;
  end: number;
}

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  /** Which of the rule's message templates produced the message. */
  messageId: string;
  severity: Severity;
  message: string;
  span: Span;
  range: Range;
  docsUrl: string;
  fixes: Fix[];
  /** The question id a finding is about (answer-shape reports one per claimed question). */
  question?: string;
}

/** The words that satisfied a filter, so the candidate sees what the check understood. */
export interface Evidence {
  span: Span;
  range: Range;
  text: string;
}

export type SectionKind = 'context' | 'task' | 'action' | 'result' | 'lesson';

export const SECTION_KINDS: readonly SectionKind[] = ['context', 'task', 'action', 'result', 'lesson'];

export interface Word {
  text: string;
  span: Span;
}

export interface Sentence {
  text: string;
  span: Span;
  words: Word[];
  /** The section the sentence belongs to; for a story without headings, the inferred part. */
  section: SectionKind | undefined;
}

export interface Section {
  kind: SectionKind;
  /** Heading text as written, e.g. "What I did". */
  title: string;
  /** The heading line itself; undefined when the section was inferred from a story without headings. */
  headingSpan: Span | undefined;
  /** From the end of the heading to the start of the next section heading (or end of file). */
  bodySpan: Span;
  sentences: Sentence[];
  wordCount: number;
}
