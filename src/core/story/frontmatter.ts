import matter from 'gray-matter';
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { Span } from '../types';

export interface FrontmatterProblem {
  kind: 'syntax' | 'refused-language' | 'unterminated' | 'too-complex';
  message: string;
  span: Span;
}

export interface Frontmatter {
  /** The whole block, from the opening `---` to the end of the closing delimiter line. */
  span: Span;
  /** The first line, `---` plus any language name. */
  openerSpan: Span;
  language: string;
  /** The raw YAML text between the delimiters. */
  contentSpan: Span;
  document: Document | undefined;
  /** Plain data; undefined when the block could not be read safely. */
  data: Record<string, unknown> | undefined;
  problems: FrontmatterProblem[];
}

/** Beyond this many alias expansions, a YAML document is treated as an attack, not as data. */
const MAX_ALIAS_COUNT = 100;
/** A story's fields fit in well under a kilobyte; a block beyond this is not parsed (megabytes of YAML take seconds). */
export const MAX_YAML_CHARS = 64 * 1024;
/** Lists and maps nested deeper than this are refused before parsing: the YAML parser recurses once per level. */
export const MAX_YAML_DEPTH = 64;

class RefusedLanguage extends Error {}

const refuse = () => {
  throw new RefusedLanguage();
};

/** gray-matter evaluates `---js` blocks with `eval`; every engine but YAML is replaced by a refusal. */
const SAFE_ENGINES = {
  yaml: () => ({}),
  yml: () => ({}),
  javascript: refuse,
  js: refuse,
  json: refuse,
  coffee: refuse,
  coffeescript: refuse,
  cson: refuse,
  toml: refuse,
};

interface GrayMatterFile {
  content: string;
  matter: string;
  language: string;
}

/**
 * Splits off and reads the frontmatter block at the start of `text`, if there is one.
 * The caller normalises lone CRs to LF first (same length, so offsets hold): gray-matter only knows LF.
 */
export function readFrontmatter(text: string): Frontmatter | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', bom) || text.charAt(bom + 3) === '-') return undefined;

  const openerEnd = lineEndAt(text, bom);
  const openerSpan = { start: bom, end: openerEnd };
  const language =
    text
      .slice(bom + 3, openerEnd)
      .trim()
      .toLowerCase() || 'yaml';
  let file: GrayMatterFile | undefined;
  try {
    file = matter(text, { engines: SAFE_ENGINES, excerpt: false } as never) as unknown as GrayMatterFile;
  } catch (error) {
    if (!(error instanceof RefusedLanguage) && !/engine "[\s\S]*" is not registered/.test(String(error))) throw error;
  }
  // gray-matter keeps the text between the opener line and the closing `---`, and the rest after that line.
  const contentStart = openerEnd;
  let contentEnd = file ? contentStart + file.matter.length : text.length;
  const closed = contentEnd < text.length;
  // gray-matter closes at "\n---", leaving the CR of a CRLF file at the end of the YAML text.
  if (closed && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
  const blockEnd = file ? text.length - file.content.length : text.length;
  const span = { start: bom, end: Math.max(openerEnd, trimLineBreakEnd(text, blockEnd)) };
  const contentSpan = { start: contentStart, end: Math.max(contentStart, contentEnd) };

  if (!file || (language !== 'yaml' && language !== 'yml')) {
    return {
      span: file ? span : { start: bom, end: text.length },
      openerSpan,
      language,
      contentSpan,
      document: undefined,
      data: undefined,
      problems: [
        {
          kind: 'refused-language',
          message: `Frontmatter written in "${language}" is refused: Story Bank reads only YAML and never runs code from a story. Make the first line a plain "---" and write the fields as YAML.`,
          span: openerSpan,
        },
      ],
    };
  }

  const problems: FrontmatterProblem[] = [];
  if (!closed) {
    problems.push({
      kind: 'unterminated',
      message: 'The frontmatter is never closed. Add a line with only "---" after the last field.',
      span: openerSpan,
    });
  }
  const { document, data, problems: yamlProblems } = readYaml(text.slice(contentSpan.start, contentSpan.end), contentStart);
  problems.push(...yamlProblems);
  return { span, openerSpan, language, contentSpan, document, data, problems };
}

/** Parses YAML with positions shifted by `offset`; refuses alias bombs instead of expanding them. */
export function readYaml(
  raw: string,
  offset: number,
): { document: Document | undefined; data: Record<string, unknown> | undefined; problems: FrontmatterProblem[] } {
  const problems: FrontmatterProblem[] = [];
  if (raw.length > MAX_YAML_CHARS) {
    problems.push({
      kind: 'too-complex',
      message: `The frontmatter is ${Math.round(raw.length / 1024)} KB; a story's fields fit in well under 1 KB, so it was not read. Move long text into the story itself.`,
      span: shift(firstVisibleLine(raw), offset, raw.length),
    });
    return { document: undefined, data: undefined, problems };
  }
  const tooDeep = firstTooDeep(raw);
  if (tooDeep !== undefined) {
    problems.push({
      kind: 'too-complex',
      message: `The frontmatter nests lists or maps more than ${MAX_YAML_DEPTH} levels deep, which no story's fields need, so it was not read. Flatten it.`,
      span: shift([tooDeep, lineEndAt(raw, tooDeep)], offset, raw.length),
    });
    return { document: undefined, data: undefined, problems };
  }
  const document = parseDocument(raw, {
    lineCounter: new LineCounter(),
    prettyErrors: false,
    uniqueKeys: true,
    schema: 'core',
    customTags: [],
    maxAliasCount: MAX_ALIAS_COUNT,
    // yaml reports odd-but-readable input (such as a list used as a key) through process.emitWarning.
    logLevel: 'error',
  } as never);
  for (const error of document.errors) {
    problems.push({
      kind: 'syntax',
      message: `The frontmatter is not valid YAML: ${firstLine(error.message)}.`,
      span: shift(
        /Missing closing ["']quote|end with an? [\]}]/.test(error.message) ? openingOfUnclosed(raw, error.pos[0], error.message) : error.pos,
        offset,
        raw.length,
      ),
    });
  }
  for (const warning of document.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      problems.push({
        kind: 'syntax',
        message: `Unknown YAML tag, read as plain text: ${firstLine(warning.message)}`,
        span: shift(warning.pos, offset, raw.length),
      });
    }
  }
  if (document.errors.length > 0) return { document, data: undefined, problems };
  const aliasProblem = checkAliases(document, offset, raw.length);
  if (aliasProblem) {
    problems.push(aliasProblem);
    return { document, data: undefined, problems };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    problems.push({
      kind: 'too-complex',
      message: `The frontmatter expands too far to read safely (${firstLine(String((error as Error).message ?? error))}). Remove the repeated aliases.`,
      span: shift([0, Math.max(1, raw.trimEnd().length)], offset, raw.length),
    });
    return { document, data: undefined, problems };
  }
  if (data === null || data === undefined) return { document, data: {}, problems };
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({
      kind: 'syntax',
      message: 'The frontmatter must be a set of "key: value" fields.',
      span: shift([0, Math.max(1, raw.trimEnd().length)], offset, raw.length),
    });
    return { document, data: undefined, problems };
  }
  return { document, data: data as Record<string, unknown>, problems };
}

/** An alias with no anchor before it, or one inside the very node it names (whose value would never end). */
function checkAliases(document: Document, offset: number, length: number): FrontmatterProblem | undefined {
  const anchors = new Map<string, YamlNode>();
  let problem: FrontmatterProblem | undefined;
  visit(document, (_key, node) => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const span = shift(node.range ? [node.range[0], node.range[1]] : undefined, offset, length);
      if (!target) {
        problem = {
          kind: 'syntax',
          message: `The alias "*${node.source}" has no anchor "&${node.source}" before it. Define the anchor first or write the value out.`,
          span,
        };
      } else if (target.range && node.range && node.range[0] >= target.range[0] && node.range[1] <= target.range[1]) {
        problem = {
          kind: 'too-complex',
          message: `The alias "*${node.source}" refers to the list or map that contains it, so its value would never end. Write the value out instead.`,
          span,
        };
      }
      return problem ? visit.BREAK : undefined;
    }
    if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
    return undefined;
  });
  return problem;
}

/** The span of the value (or, with `key: true`, the key) at `path` inside a YAML document. */
export function spanOfPath(document: Document | undefined, path: readonly PropertyKey[], offset: number, key = false): Span | undefined {
  let node: unknown = document?.contents;
  let keyNode: unknown;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return undefined;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      keyNode = undefined;
    } else {
      return undefined;
    }
  }
  const target = (key && keyNode) || node || keyNode;
  const range = (target as YamlNode | undefined)?.range;
  if (!range) return undefined;
  return { start: range[0] + offset, end: range[1] + offset };
}

/** Moves an offset that sits just after a line break back before it. */
function trimLineBreakEnd(text: string, offset: number): number {
  let end = offset;
  if (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** Offset of the line break ending the line that contains `offset` (or the end of the text). */
function lineEndAt(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return i;
  }
  return text.length;
}

/** yaml reports a missing closing quote or bracket at the end of input; point at the opening line instead. */
function openingOfUnclosed(raw: string, at: number, message: string): [number, number] {
  const quote = /closing (["'])quote/.exec(message)?.[1];
  const openers = quote ? [quote] : ['[', '{'];
  const opener = Math.max(...openers.map((char) => raw.lastIndexOf(char, at - 1)));
  if (opener < 0) return [at, at + 1];
  const lineEnd = raw.slice(opener).search(/[\r\n]/);
  return [opener, lineEnd < 0 ? raw.length : opener + lineEnd];
}

/**
 * Where the YAML first nests deeper than MAX_YAML_DEPTH, by a cheap over-estimate: block levels from indentation
 * and `- `/`? `/`: ` markers, plus open `[`/`{` brackets. Quotes are not tracked, so brackets in quoted text count.
 */
function firstTooDeep(raw: string): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  for (let start = 0; start < raw.length;) {
    let end = raw.indexOf('\n', start);
    if (end === -1) end = raw.length;
    const line = /^( *)((?:[-?:](?:[ \t]+|$))*)([^#]*)/.exec(raw.slice(start, end))!;
    let depth = flow;
    if (flow === 0 && line[3].trim()) {
      while (indents.length && indents[indents.length - 1] >= line[1].length) indents.pop();
      indents.push(line[1].length);
      depth = indents.length + line[2].replace(/\s/g, '').length;
    }
    if (depth > MAX_YAML_DEPTH) return start + line[1].length;
    const content = line[3];
    for (let i = 0; i < content.length; i++) {
      const char = content[i];
      if (char === '[' || char === '{') {
        if (++flow + depth > MAX_YAML_DEPTH) return start + line[1].length + line[2].length + i;
      } else if ((char === ']' || char === '}') && flow > 0) flow--;
    }
    start = end + 1;
  }
  return undefined;
}

/** The first line of `raw` with visible text, trimmed. */
function firstVisibleLine(raw: string): [number, number] {
  const match = /\S[^\r\n]*/.exec(raw.slice(0, 4096));
  if (!match) return [0, 1];
  return [match.index, match.index + match[0].trimEnd().length];
}

function shift(pos: [number, number] | undefined, offset: number, length: number): Span {
  const start = Math.min(pos?.[0] ?? 0, Math.max(0, length - 1));
  const end = Math.max(start + 1, Math.min(pos?.[1] ?? start + 1, length));
  return { start: start + offset, end: end + offset };
}

function firstLine(message: string): string {
  return message.split(/\r?\n/)[0].replace(/ at line \d+, column \d+:?$/, '');
}
