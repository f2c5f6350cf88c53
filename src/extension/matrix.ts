// The coverage matrix webview: one panel, re-rendered whenever the bank changes. The page can only ask to
// open a story by its bank id; the extension looks the id up and ignores anything else.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { FILTER_RULE_IDS } from '../core';
import { lastPracticed } from '../core/practice';
import type { StoryBank } from './bank';
import { filtersPassed } from './editorFeatures';
import { renderMatrixHtml, type MatrixQuestion, type MatrixStory } from './matrixHtml';

export const MATRIX_VIEW_TYPE = 'storyBank.matrix';

export class MatrixPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The HTML last given to the webview (the integration tests read it). */
  html: string | undefined;
  /** Bank ids of the stories opened from the matrix, in order (for tests). */
  readonly opened: string[] = [];

  constructor(private readonly bank: StoryBank) {
    this.subscriptions.push(bank.onDidChange(() => this.render()));
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  show(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      this.render();
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(MATRIX_VIEW_TYPE, 'Coverage Matrix', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
      enableCommandUris: false,
      retainContextWhenHidden: false,
    });
    this.panel = panel;
    panel.onDidDispose(
      () => {
        if (this.panel === panel) this.panel = undefined;
        this.html = undefined;
      },
      undefined,
      this.subscriptions,
    );
    panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message), undefined, this.subscriptions);
    this.render();
    return panel;
  }

  /** The bank shown: in a multi-root workspace, the active editor's folder's (else the first folder's). */
  private view() {
    return this.bank.folderView(vscode.window.activeTextEditor?.document.uri);
  }

  model(view = this.view()): { stories: MatrixStory[]; questions: MatrixQuestion[] } {
    const { coverage, stories: entries } = view;
    const questions = coverage.map((entry) => ({ id: entry.id, title: entry.title, status: entry.status }));
    const stories = entries.map((entry) => ({
      path: entry.path,
      title: entry.result.title || entry.path.split('/').pop() || entry.path,
      questions: entry.result.questions,
      filtersPassed: filtersPassed(entry.result),
      filterCount: FILTER_RULE_IDS.length,
      ready: entry.result.ready,
      lastPracticed: lastPracticed(entry.result.story.meta?.practiced),
    }));
    return { stories, questions };
  }

  private render(): void {
    if (!this.panel) return;
    const view = this.view();
    const { stories, questions } = this.model(view);
    this.html = renderMatrixHtml({
      stories,
      questions,
      nonce: randomBytes(16).toString('base64'),
      cspSource: this.panel.webview.cspSource,
      profileTitle: view.folderName ? `${view.profile.title} · ${view.folderName}` : view.profile.title,
    });
    this.panel.webview.html = this.html;
  }

  /** Opens a story by its bank id, as a click on a cell does. */
  async openStory(path: string): Promise<vscode.TextEditor | undefined> {
    const entry = this.bank.storyByPath(path);
    if (!entry) return undefined;
    this.opened.push(path);
    return vscode.window.showTextDocument(entry.uri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  private async onMessage(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const { type, path } = message as { type?: unknown; path?: unknown };
    if (type === 'open' && typeof path === 'string') await this.openStory(path);
  }

  dispose(): void {
    this.panel?.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
