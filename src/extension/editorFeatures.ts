// In-editor timing and frontmatter help: CodeLens per section (with the filters' verdicts from evidence.ts),
// the status bar item, hover and completion for question ids. Numbers come from the core (spoken seconds,
// section budgets, filters).
import * as vscode from 'vscode';
import { FILTER_RULE_IDS, readinessGaps } from '../core';
import type { Profile, QuestionType, StoryResult } from '../core';
import { formatBudget, formatDuration } from '../core/timing';
import type { StoryBank } from './bank';
import { COMMANDS } from './constants';
import { evidenceLenses } from './evidence';
import { escapeMarkdown } from './markdown';

export function filtersPassed(result: StoryResult): number {
  return FILTER_RULE_IDS.filter((id) => result.filters[id]).length;
}

/** "1:48 total · 2/3 filters". */
export function totalLabel(result: StoryResult): string {
  return `${formatDuration(result.seconds)} total · ${filtersPassed(result)}/${FILTER_RULE_IDS.length} filters`;
}

/** "$(clock) 1:48 · 2/3 filters". */
export function statusText(result: StoryResult): string {
  return `$(clock) ${formatDuration(result.seconds)} · ${filtersPassed(result)}/${FILTER_RULE_IDS.length} filters`;
}

export class TimingLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly bank: StoryBank) {
    this.subscription = bank.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const entry = this.bank.resultFor(document);
    if (!entry?.result.isStory || entry.result.story.skippedAnalysis) return [];
    const { result } = entry;
    const story = result.story;
    const lineRange = (offset: number) => document.lineAt(document.positionAt(offset).line).range;
    const firstOffset = story.headings[0]?.span.start ?? story.sentences[0]?.span.start ?? story.bodySpan.start;
    const lenses = [new vscode.CodeLens(lineRange(firstOffset), { title: totalLabel(result), command: '' })];
    lenses.push(...evidenceLenses(document.uri, result, lineRange(firstOffset)));
    for (const section of result.sectionTimes) {
      const spoken = formatDuration(section.seconds);
      lenses.push(
        new vscode.CodeLens(lineRange(section.headingSpan.start), {
          title: section.budget ? `${spoken} · budget ${formatBudget(section.budget)}` : spoken,
          command: '',
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/**
 * The questions of the story's profile it claims, by title: "Startup PM: ready for Scrappy launch; not ready for
 * First hire."
 */
export function claimsLabel(result: StoryResult, profile: Profile): string {
  const claimed = profile.questions.filter((question) => result.questions.includes(question.id));
  if (claimed.length === 0) return `${profile.title}: claims none of its question types.`;
  const titles = (ready: boolean) => claimed.filter((question) => result.ready.includes(question.id) === ready).map((question) => question.title);
  const parts = [titles(true).length > 0 && `ready for ${titles(true).join(', ')}`, titles(false).length > 0 && `not ready for ${titles(false).join(', ')}`];
  return `${profile.title}: ${parts.filter(Boolean).join('; ')}.`;
}

/** Status bar item for the active story: spoken time and filters passed; clicking focuses the tree. */
export class StoryStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('storyBank.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];
  /** Whether the item is shown (StatusBarItem has no getter for it). */
  visible = false;

  constructor(private readonly bank: StoryBank) {
    this.item.name = 'Story Bank';
    this.item.command = COMMANDS.focusCoverage;
    this.subscriptions = [bank.onDidChange(() => this.update()), vscode.window.onDidChangeActiveTextEditor(() => this.update())];
    this.update();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const entry = document && this.bank.resultFor(document);
    if (!entry?.result.isStory) {
      this.item.hide();
      this.visible = false;
      return;
    }
    this.item.text = statusText(entry.result);
    const claims = claimsLabel(entry.result, this.bank.configFor(entry.uri).profile);
    this.item.tooltip = `${entry.result.title || entry.path}: ${totalLabel(entry.result)}. ${claims} Click to show the question coverage.`;
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}

function questionMarkdown(question: QuestionType): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(question.title)}** (\`${question.id}\`)\n\n`);
  md.appendMarkdown(`*“${escapeMarkdown(question.question)}”*\n\n**Answer shape:**\n\n`);
  md.appendMarkdown(question.answerShape.map((step, i) => `${i + 1}. ${escapeMarkdown(step)}`).join('\n'));
  md.appendMarkdown(`\n\n**Listens for:** ${escapeMarkdown(question.listensFor)}`);
  return md;
}

/**
 * The hover on a question id, compact: VS Code puts a finding on the same words (answer-shape reports on
 * the id) above it, and the hover has a fixed height, so a long hover had its answer shape cut off. One line
 * says whether this story is ready for the question and what it still needs; the answer shape follows on
 * one line, then what the interviewer listens for.
 */
export function questionHoverMarkdown(question: QuestionType, result: StoryResult): vscode.MarkdownString {
  const gaps = readinessGaps(result, question.id);
  const verdict = gaps.length === 0 ? 'ready' : `not ready: needs ${gaps.join(', ')}`;
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(question.title)}** · ${escapeMarkdown(verdict)}\n\n`);
  md.appendMarkdown(`**Answer shape:** ${question.answerShape.map((step, i) => `${i + 1}. ${escapeMarkdown(step)}`).join(' · ')}\n\n`);
  md.appendMarkdown(`**Listens for:** ${escapeMarkdown(question.listensFor)}`);
  return md;
}

export class QuestionHover implements vscode.HoverProvider {
  constructor(private readonly bank: StoryBank) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const entry = this.bank.resultFor(document);
    if (!entry?.result.isStory) return undefined;
    const offset = document.offsetAt(position);
    const ref = entry.result.story.questions.find((q) => q.span.start <= offset && offset <= q.span.end);
    if (!ref) return undefined;
    const question = this.bank.configFor(document.uri).profile.questions.find((q) => q.id === ref.id);
    if (!question) return undefined;
    return new vscode.Hover(
      questionHoverMarkdown(question, entry.result),
      new vscode.Range(document.positionAt(ref.span.start), document.positionAt(ref.span.end)),
    );
  }
}

/** Inside the frontmatter, on the `questions:` line or a list item under it, offers the profile's ids. */
export class QuestionCompletion implements vscode.CompletionItemProvider {
  static readonly triggers = ['[', ',', ' ', '-'];

  constructor(private readonly bank: StoryBank) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    if (!inQuestionsField(document, position)) return [];
    const wordRange = document.getWordRangeAtPosition(position, /[a-z0-9-]+/i);
    return this.bank.configFor(document.uri).profile.questions.map((question, index) => {
      const item = new vscode.CompletionItem({ label: question.id, description: question.title }, vscode.CompletionItemKind.EnumMember);
      item.documentation = questionMarkdown(question);
      item.detail = question.title;
      item.sortText = String(index).padStart(3, '0');
      if (wordRange) item.range = wordRange;
      return item;
    });
  }
}

export function inQuestionsField(document: vscode.TextDocument, position: vscode.Position): boolean {
  if (document.lineCount < 2 || document.lineAt(0).text.trim() !== '---') return false;
  let closing = -1;
  for (let line = 1; line < Math.min(document.lineCount, 200); line++) {
    if (/^(---|\.\.\.)\s*$/.test(document.lineAt(line).text)) {
      closing = line;
      break;
    }
  }
  if (position.line === 0 || (closing !== -1 && position.line >= closing)) return false;
  const before = document.lineAt(position.line).text.slice(0, position.character);
  if (/^questions\s*:/.test(before)) return true;
  if (!/^\s*-\s*[a-z0-9-]*$/i.test(before)) return false;
  for (let line = position.line - 1; line > 0; line--) {
    const text = document.lineAt(line).text;
    if (/^\s*-/.test(text)) continue;
    return /^questions\s*:\s*$/.test(text);
  }
  return false;
}
