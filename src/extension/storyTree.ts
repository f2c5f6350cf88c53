// The "Question coverage" tree: question types (covered/thin/gap), the stories claiming each (ready first),
// each story's failing findings, and a "New story" row under every gap.
import * as vscode from 'vscode';
import { FILTER_RULE_IDS } from '../core';
import type { CoverageEntry, Finding, QuestionType } from '../core';
import { formatDuration } from '../core/timing';
import type { StoryBank, StoryEntry } from './bank';
import { COMMANDS } from './constants';
import { toRange } from './diagnostics';
import { escapeMarkdown as escape } from './markdown';

export interface QuestionNode {
  kind: 'question';
  entry: CoverageEntry;
  question: QuestionType | undefined;
  children: TreeNode[];
}
export interface StoryNode {
  kind: 'story';
  parent: QuestionNode;
  story: StoryEntry;
  ready: boolean;
  children: FindingNode[];
}
export interface FindingNode {
  kind: 'finding';
  parent: StoryNode;
  finding: Finding;
}
export interface NewStoryNode {
  kind: 'newStory';
  parent: QuestionNode;
}
export type TreeNode = QuestionNode | StoryNode | FindingNode | NewStoryNode;

const STATUS_ICON: Record<CoverageEntry['status'], vscode.ThemeIcon> = {
  covered: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  thin: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  gap: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
};

const FINDING_ICON: Record<Finding['severity'], vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  info: new vscode.ThemeIcon('info'),
  hint: new vscode.ThemeIcon('lightbulb'),
};

/** "tradeoff ✓ role ✓ result ✗ · 1:48", plus the last practice date when the story records one. */
export function storyMarks(story: StoryEntry): string {
  const { result } = story;
  const filters = FILTER_RULE_IDS.map((id) => `${id} ${result.filters[id] ? '✓' : '✗'}`).join(' ');
  const practiced = result.story.meta?.practiced;
  const last = practiced && practiced.length > 0 ? [...practiced].sort().at(-1) : undefined;
  return `${filters} · ${formatDuration(result.seconds)}${last ? ` · practised ${last}` : ''}`;
}

function questionTooltip(entry: CoverageEntry, question: QuestionType | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(entry.title)}** · \`${entry.id}\`\n\n`);
  if (question) {
    md.appendMarkdown(`*“${escape(question.question)}”*\n\n`);
    md.appendMarkdown(`**Listens for:** ${escape(question.listensFor)}\n\n`);
    md.appendMarkdown(`**Answer shape:**\n\n${question.answerShape.map((step, i) => `${i + 1}. ${escape(step)}`).join('\n')}\n\n`);
  }
  const status = { covered: 'covered: two or more ready stories', thin: 'thin: only one ready story', gap: 'gap: no ready story' }[entry.status];
  md.appendMarkdown(`$(${STATUS_ICON[entry.status].id}) ${status}`);
  return md;
}


export class StoryTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: QuestionNode[] | undefined;

  constructor(private readonly bank: StoryBank) {}

  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  private build(): QuestionNode[] {
    const profile = this.bank.profile;
    return this.bank.coverage().map((entry) => {
      const node: QuestionNode = { kind: 'question', entry, question: profile.questions.find((q) => q.id === entry.id), children: [] };
      const ready = new Set(entry.ready);
      const paths = [...entry.ready, ...entry.stories.filter((path) => !ready.has(path))];
      for (const path of paths) {
        const story = this.bank.storyByPath(path);
        if (!story) continue;
        const storyNode: StoryNode = { kind: 'story', parent: node, story, ready: ready.has(path), children: [] };
        storyNode.children = story.result.findings
          .filter((finding) => finding.severity === 'error' || finding.severity === 'warning')
          .map((finding) => ({ kind: 'finding', parent: storyNode, finding }));
        node.children.push(storyNode);
      }
      if (entry.status === 'gap') node.children.push({ kind: 'newStory', parent: node });
      return node;
    });
  }

  /** Root rows; empty (so the welcome view shows) while the bank has no stories. */
  getRoots(): QuestionNode[] {
    if (this.bank.stories().length === 0) return [];
    this.roots ??= this.build();
    return this.roots;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.getRoots();
    return node.kind === 'question' || node.kind === 'story' ? node.children : [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'question' ? undefined : node.parent;
  }

  /** The first tree row for a story file, for revealing the active editor. */
  findStory(uri: vscode.Uri): StoryNode | undefined {
    for (const question of this.getRoots()) {
      for (const child of question.children) {
        if (child.kind === 'story' && child.story.uri.toString() === uri.toString()) return child;
      }
    }
    return undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'question': {
        const { entry } = node;
        const item = new vscode.TreeItem(entry.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `question:${entry.id}`;
        item.description = `${entry.ready.length} ready · ${entry.stories.length} claimed`;
        item.tooltip = questionTooltip(entry, node.question);
        item.iconPath = STATUS_ICON[entry.status];
        item.contextValue = `storyBank.question.${entry.status}`;
        return item;
      }
      case 'story': {
        const { story } = node;
        const label = story.result.title || story.path.split('/').pop() || story.path;
        const item = new vscode.TreeItem(
          label,
          node.children.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `story:${node.parent.entry.id}:${story.uri.toString()}`;
        item.description = storyMarks(story);
        const tooltip = new vscode.MarkdownString();
        tooltip.appendText(`${story.path}\n\n${node.ready ? 'Ready: passes all three filters.' : 'Needs work.'}`);
        item.tooltip = tooltip;
        item.resourceUri = story.uri;
        item.iconPath = node.ready
          ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
          : new vscode.ThemeIcon('circle-large-outline');
        item.contextValue = 'storyBank.story';
        item.command = { command: 'vscode.open', title: 'Open story', arguments: [story.uri] };
        return item;
      }
      case 'finding': {
        const { finding } = node;
        const story = node.parent.story;
        const item = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
        item.id = `finding:${node.parent.parent.entry.id}:${story.uri.toString()}:${finding.ruleId}:${finding.span.start}:${finding.span.end}`;
        item.description = `${finding.ruleId} · line ${finding.range.start.line + 1}`;
        item.tooltip = finding.message;
        item.iconPath = FINDING_ICON[finding.severity];
        item.contextValue = 'storyBank.finding';
        item.command = { command: COMMANDS.revealFinding, title: 'Show in story', arguments: [story.uri, toRange(finding.range)] };
        return item;
      }
      case 'newStory': {
        const item = new vscode.TreeItem('New story for this question', vscode.TreeItemCollapsibleState.None);
        item.id = `new:${node.parent.entry.id}`;
        item.iconPath = new vscode.ThemeIcon('add');
        item.contextValue = 'storyBank.newStory';
        item.command = { command: COMMANDS.newStoryForQuestion, title: 'New story for this question', arguments: [node.parent.entry.id] };
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
