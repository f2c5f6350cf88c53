// Practice mode in the editor: pick a question (weights from src/core/practice), run a two-minute countdown
// in the status bar, let the user choose the story they would tell, show its outline, and, if they opt in,
// record today's date in the story's `practiced` list as an undoable edit of the document.
import * as vscode from 'vscode';
import { isReadyFor } from '../core';
import type { QuestionType } from '../core';
import {
  isoDay,
  lastPracticed,
  orderPracticeStories,
  pickPracticeQuestion,
  practiceDateEdit,
  seededRandom,
  storyOutline,
  type OutlineItem,
} from '../core/practice';
import { formatDuration } from '../core/timing';
import type { StoryBank, StoryEntry } from './bank';
import { COMMANDS } from './constants';

export const OUTLINE_SCHEME = 'storybank-outline';
/** A spoken answer should fit in two minutes; the warning comes with 15 seconds left. */
export const PRACTICE_SECONDS = 120;
export const WARNING_AT_SECONDS = 105;
export const RECORD_PRACTICE = 'Record practice';

export interface PracticeArgs {
  /** The question type to practise; picked by weight when absent. */
  questionId?: string;
  /** The story (bank id, the workspace-relative path) to outline; asked for when absent. */
  storyPath?: string;
  /** true: record today's date without asking; false: never; absent: offer a "Record practice" button. */
  record?: boolean;
  /** Countdown length in seconds (default 120) and when the warning comes (default 105 of 120, scaled). */
  seconds?: number;
  warnAt?: number;
  /** Seed for the question pick (reproducible); Math.random when absent. */
  seed?: number;
  /** The practice date, YYYY-MM-DD (default: today, local time). */
  today?: string;
}

export interface PracticeResult {
  questionId: string;
  question: string;
  storyPath?: string;
  outline?: OutlineItem[];
  recorded: boolean;
}

export interface PracticeState {
  running: boolean;
  questionId: string | undefined;
  /** The status bar entry's text. */
  text: string;
  /** The status bar entry has the warning background. */
  warning: boolean;
  /** The current countdown reached its warning / its end. */
  warned: boolean;
  ended: boolean;
  /** Every distinct text the entry showed during the current countdown. */
  texts: string[];
}

const IDLE_TEXT = '$(mortar-board) Practice';

/** "Judgment with…": a question title cut at a word boundary so the status bar stays short. */
export function shortTitle(title: string, max = 18): string {
  if (title.length <= max) return title;
  const cut = title.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 3 ? cut.slice(0, space) : title.slice(0, max)).replace(/[,;:]$/, '')}…`;
}

export class Practice implements vscode.Disposable, vscode.TextDocumentContentProvider {
  readonly item = vscode.window.createStatusBarItem('storyBank.practice', vscode.StatusBarAlignment.Left, 49);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private state: PracticeState = { running: false, questionId: undefined, text: IDLE_TEXT, warning: false, warned: false, ended: false, texts: [] };

  constructor(private readonly bank: StoryBank) {
    this.item.name = 'Story Bank Practice';
    this.subscriptions.push(
      bank.onDidChange(() => this.updateVisibility()),
      vscode.workspace.registerTextDocumentContentProvider(OUTLINE_SCHEME, this),
    );
    this.idle();
  }

  getState(): PracticeState {
    return { ...this.state, texts: [...this.state.texts] };
  }

  private setText(text: string): void {
    this.state.text = text;
    if (this.state.texts.at(-1) !== text) this.state.texts.push(text);
    this.item.text = text;
  }

  private idle(): void {
    this.state = { ...this.state, running: false, text: IDLE_TEXT, warning: false };
    this.item.text = IDLE_TEXT;
    this.item.tooltip = 'Practise a question: Story Bank picks one your bank is weakest on and times your answer.';
    this.item.command = COMMANDS.practice;
    this.item.backgroundColor = undefined;
    this.updateVisibility();
  }

  private updateVisibility(): void {
    if (this.state.running || this.bank.stories().length > 0) this.item.show();
    else this.item.hide();
  }

  /** Stops the countdown (if any) and puts the entry back to "Practice". */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.timer = undefined;
    this.idleTimer = undefined;
    this.idle();
  }

  /** Starts (or restarts) the countdown for a question. */
  startCountdown(question: QuestionType, seconds = PRACTICE_SECONDS, warnAt = (seconds * WARNING_AT_SECONDS) / PRACTICE_SECONDS): void {
    this.stop();
    const started = Date.now();
    const label = shortTitle(question.title);
    this.state = { running: true, questionId: question.id, text: '', warning: false, warned: false, ended: false, texts: [] };
    this.item.command = COMMANDS.stopPractice;
    this.item.tooltip = `Practising: ${question.question}\nClick to stop.`;
    this.item.backgroundColor = undefined;
    this.item.show();
    const tick = () => {
      const elapsed = (Date.now() - started) / 1000;
      const remaining = Math.max(0, Math.ceil(seconds - elapsed - 1e-9));
      if (elapsed >= seconds) {
        if (this.timer) clearInterval(this.timer);
        this.timer = undefined;
        this.state.ended = true;
        this.state.running = false;
        this.setText(`$(watch) ${formatDuration(0)} Time`);
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        this.item.command = COMMANDS.stopPractice;
        void vscode.window.showInformationMessage(`Story Bank: time. ${formatDuration(seconds)} is up; wrap up with the result.`);
        this.idleTimer = setTimeout(() => this.stop(), 8000);
        return;
      }
      if (elapsed >= warnAt && !this.state.warned) {
        this.state.warned = true;
        this.state.warning = true;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        void vscode.window.showInformationMessage(`Story Bank: ${remaining} seconds left. Land the result and the lesson.`);
      }
      this.setText(`$(watch) ${formatDuration(remaining)} ${label}`);
    };
    tick();
    this.timer = setInterval(tick, Math.min(1000, Math.max(50, (seconds * 1000) / 20)));
  }

  // ---- the practice flow ---------------------------------------------------------------------------

  private practiceStories(entries: readonly StoryEntry[], questionId?: string) {
    return entries.map((entry) => ({
      entry,
      path: entry.path,
      questions: entry.result.questions,
      practiced: entry.result.story.meta?.practiced ?? [],
      ready: questionId === undefined ? entry.result.ready.length > 0 : isReadyFor(entry.result, questionId),
    }));
  }

  async run(args: PracticeArgs = {}): Promise<PracticeResult | undefined> {
    await this.bank.whenIdle();
    // In a multi-root workspace, the bank of the active editor's folder (else the first folder's).
    const bank = this.bank.folderView(vscode.window.activeTextEditor?.document.uri);
    const profile = bank.profile;
    const today = args.today ?? isoDay(new Date());
    const coverage = bank.coverage;
    const all = this.practiceStories(bank.stories);
    const questionId = args.questionId ?? pickPracticeQuestion(coverage, all, today, args.seed === undefined ? Math.random : seededRandom(args.seed))?.id;
    const question = profile.questions.find((q) => q.id === questionId);
    if (!question) {
      void vscode.window.showWarningMessage(`Story Bank: no question type "${String(questionId)}" in the ${profile.title} profile.`);
      return undefined;
    }
    const seconds = args.seconds && args.seconds > 0 ? args.seconds : PRACTICE_SECONDS;
    this.startCountdown(question, seconds, args.warnAt ?? (seconds * WARNING_AT_SECONDS) / PRACTICE_SECONDS);
    void vscode.window
      .showInformationMessage(`Practice (${question.title}): “${question.question}” You have ${formatDuration(seconds)}.`, 'Stop')
      .then((choice) => {
        if (choice === 'Stop') this.stop();
      });
    const result: PracticeResult = { questionId: question.id, question: question.question, recorded: false };

    const claiming = orderPracticeStories(
      this.practiceStories(bank.stories, question.id).filter((story) => story.questions.includes(question.id)),
      today,
    );
    let story = args.storyPath !== undefined ? this.bank.storyByPath(args.storyPath) : undefined;
    if (args.storyPath === undefined) {
      if (claiming.length === 0) {
        void vscode.window
          .showInformationMessage(`Story Bank: no story claims ${question.title} yet. Answer out loud anyway, then write it down.`, 'New Story')
          .then((choice) => {
            if (choice) void vscode.commands.executeCommand(COMMANDS.newStoryForQuestion, question.id);
          });
        return result;
      }
      const picked = await vscode.window.showQuickPick(
        claiming.map((candidate) => {
          const last = lastPracticed(candidate.practiced);
          return {
            label: candidate.entry.result.title || candidate.path,
            description: `${candidate.ready ? 'ready' : 'needs work'} · ${last ? `practised ${last}` : 'never practised'}`,
            detail: candidate.path,
            path: candidate.path,
          };
        }),
        { title: question.question, placeHolder: 'Which story would you tell? (Esc keeps the clock running without one)', ignoreFocusOut: true },
      );
      story = picked ? this.bank.storyByPath(picked.path) : undefined;
    }
    if (!story) return result;
    result.storyPath = story.path;
    result.outline = storyOutline(story.result.story);
    await this.showOutline(story);

    if (args.record === true) {
      result.recorded = await this.record(story, today);
    } else if (args.record === undefined) {
      void vscode.window
        .showInformationMessage(`Story Bank: tell “${story.result.title}”. Record today's practice in its frontmatter?`, RECORD_PRACTICE)
        .then(async (choice) => {
          if (choice === RECORD_PRACTICE) await this.record(story, today);
        });
    }
    return result;
  }

  private outlineUri(story: StoryEntry): vscode.Uri {
    const name = (story.path.split('/').pop() ?? 'story').replace(/\.md$/i, '');
    return vscode.Uri.from({ scheme: OUTLINE_SCHEME, path: `/${name} (outline).md`, query: story.path });
  }

  /** The read-only outline document: the story's headings and the first sentence under each. */
  provideTextDocumentContent(uri: vscode.Uri): string {
    const story = this.bank.storyByPath(uri.query);
    if (!story) return `Story not found: ${uri.query}\n`;
    const lines = [`# ${story.result.title || story.path}`, '', `Outline of ${story.path}: say each part in your own words.`, ''];
    for (const item of storyOutline(story.result.story)) {
      lines.push(`## ${item.heading}`, '', item.firstSentence ? `${item.firstSentence} …` : '(nothing written yet)', '');
    }
    return lines.join('\n');
  }

  private async showOutline(story: StoryEntry): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.outlineUri(story));
    await vscode.languages.setTextDocumentLanguage(document, 'markdown').then(undefined, () => undefined);
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Active });
  }

  /** Adds `today` to the story's `practiced` list through a WorkspaceEdit (one undo removes it). */
  async record(story: StoryEntry, today: string): Promise<boolean> {
    const document = await vscode.workspace.openTextDocument(story.uri);
    const change = practiceDateEdit(document.getText(), today);
    if (change.kind === 'already') {
      void vscode.window.showInformationMessage(`Story Bank: ${today} is already in the practiced list of “${story.result.title}”.`);
      return false;
    }
    if (change.kind === 'unsupported') {
      void vscode.window.showWarningMessage(
        `Story Bank: could not record the practice in ${story.path}: ${change.reason}. Add ${today} to its practiced list by hand.`,
      );
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    const range = new vscode.Range(document.positionAt(change.edit.span.start), document.positionAt(change.edit.span.end));
    edit.replace(story.uri, range, change.edit.newText, { label: 'Record practice', needsConfirmation: false });
    const applied = await vscode.workspace.applyEdit(edit);
    if (applied)
      void vscode.window.showInformationMessage(`Story Bank: recorded practice on ${today} in “${story.result.title}” (save to keep it; Undo removes it).`);
    return applied;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
