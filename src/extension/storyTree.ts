// The coverage tree: question types (covered/thin/gap), the stories claiming each (ready first),
// each story's failing findings, a "New story" row under every gap, and a "Needs attention" row for stories
// that claim no question type of the profile and hold an error (so a story with only a misspelt id never
// disappears). In a multi-root workspace those rows sit under one row per folder, for that folder's profile.
import * as vscode from 'vscode';
import { FILTER_RULE_IDS, readinessGaps } from '../core';
import type { CoverageEntry, Finding, Profile, QuestionType } from '../core';
import { lastPracticed } from '../core/practice';
import { formatDuration } from '../core/timing';
import type { StoryBank, StoryEntry } from './bank';
import { COMMANDS } from './constants';
import { toRange } from './diagnostics';
import { escapeMarkdown as escape } from './markdown';

/** A workspace folder of a multi-root workspace: its coverage, for its own profile. */
export interface FolderNode {
  kind: 'folder';
  folder: vscode.WorkspaceFolder;
  profile: Profile;
  children: (QuestionNode | AttentionNode)[];
}
export interface QuestionNode {
  kind: 'question';
  /** The folder row above it; undefined in a single-folder workspace, where question rows are the roots. */
  parent: FolderNode | undefined;
  entry: CoverageEntry;
  question: QuestionType | undefined;
  children: TreeNode[];
}
/** Stories that claim no question type of the profile and hold an error, with their findings. */
export interface AttentionNode {
  kind: 'attention';
  parent: FolderNode | undefined;
  profile: Profile;
  children: StoryNode[];
}
export interface StoryNode {
  kind: 'story';
  parent: QuestionNode | AttentionNode;
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
export type RootNode = QuestionNode | AttentionNode | FolderNode;
export type TreeNode = RootNode | StoryNode | FindingNode | NewStoryNode;

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

/** A question row's description, short enough for the default sidebar width: "1/2 ready". */
export function questionDescription(entry: CoverageEntry): string {
  return `${entry.ready.length}/${entry.stories.length} ready`;
}

/** "tradeoff ✓ role ✓ result ✗". */
export function filterMarks(story: StoryEntry): string {
  return FILTER_RULE_IDS.map((id) => `${id} ${story.result.filters[id] ? '✓' : '✗'}`).join(' ');
}

/**
 * A story row's description, short enough for the default sidebar width, verdict first:
 * "ready · 1:48", or what is missing for this question, "needs result, answer shape · 1:48"; then the
 * last practice date when the story records one.
 */
export function storyDescription(story: StoryEntry, questionId: string | undefined): string {
  const practised = lastPracticed(story.result.story.meta?.practiced);
  const time = `${formatDuration(story.result.seconds)}${practised ? ` · practised ${practised}` : ''}`;
  if (questionId === undefined) return `${story.result.findings.filter((f) => f.severity === 'error').length} error(s) · ${time}`;
  const gaps = readinessGaps(story.result, questionId);
  return `${gaps.length === 0 ? 'ready' : `needs ${gaps.join(', ')}`} · ${time}`;
}

/** A finding row's label: the message up to its advice ("No choice with a cost found"); the tooltip has it all. */
export function findingLabel(message: string): string {
  const head = message.split(/; |\. (?=[A-Z])/)[0] ?? message;
  return head.length < message.length ? head.replace(/[.,:;]$/, '') : message;
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

function folderId(folder: vscode.WorkspaceFolder): string {
  return `folder:${folder.uri.toString()}`;
}

/** What tells rows of one folder from another's in a multi-root workspace; nothing in a single folder. */
function folderScope(parent: FolderNode | undefined): string {
  return parent ? `${parent.folder.uri.toString()}:` : '';
}

/** A row's TreeItem id, also its key across rebuilds: "question:judgment", "attention" in a single folder. */
function rowId(node: FolderNode | QuestionNode | AttentionNode): string {
  if (node.kind === 'folder') return folderId(node.folder);
  return node.kind === 'question'
    ? `question:${folderScope(node.parent)}${node.entry.id}`
    : `attention${node.parent ? `:${node.parent.folder.uri.toString()}` : ''}`;
}

export class StoryTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: RootNode[] | undefined;
  /** Question, attention and story rows by id, so a rebuild hands the view the objects it already knows. */
  private nodes = new Map<string, TreeNode>();
  /** Settled once the view has read the roots built after the last refresh (see whenViewCaughtUp). */
  private caughtUp: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(private readonly bank: StoryBank) {}

  refresh(): void {
    this.roots = undefined;
    if (!this.caughtUp) {
      let resolve = () => {};
      const promise = new Promise<void>((done) => (resolve = done));
      this.caughtUp = { promise, resolve };
    }
    this.changed.fire(undefined);
  }

  /**
   * Resolves once the view has fetched the rows of the last refresh. Revealing a row before that hands
   * the view a node of a tree it has not seen yet, which it fails to resolve.
   */
  whenViewCaughtUp(): Promise<void> {
    return this.caughtUp?.promise ?? Promise.resolve();
  }

  /** True between a refresh and the view reading its rows. */
  get refreshPending(): boolean {
    return this.caughtUp !== undefined;
  }

  /**
   * The same object for the same row across rebuilds, updated in place. The view keys its rows by object:
   * a reveal racing a refresh then still finds the row, whichever tree the view holds at that moment.
   */
  private keep<T extends FolderNode | QuestionNode | AttentionNode | StoryNode>(id: string, fresh: T, seen: Map<string, TreeNode>): T {
    const old = this.nodes.get(id);
    const node = old && old.kind === fresh.kind ? (Object.assign(old, fresh) as T) : fresh;
    seen.set(id, node);
    return node;
  }

  private storyNode(parent: QuestionNode | AttentionNode, story: StoryEntry, ready: boolean, seen: Map<string, TreeNode>): StoryNode {
    const parentId = parent.kind === 'question' ? parent.entry.id : 'attention';
    const node = this.keep(`${parentId}:${story.uri.toString()}`, { kind: 'story', parent, story, ready, children: [] } as StoryNode, seen);
    node.children = story.result.findings
      .filter((finding) => finding.severity === 'error' || finding.severity === 'warning')
      .map((finding) => ({ kind: 'finding', parent: node, finding }));
    return node;
  }

  private build(): RootNode[] {
    const seen = new Map<string, TreeNode>();
    let roots: RootNode[];
    if ((vscode.workspace.workspaceFolders?.length ?? 0) > 1) {
      roots = this.bank.coverageByFolder().map(({ folder, profile, coverage, needingAttention }) => {
        const node = this.keep(folderId(folder), { kind: 'folder', folder, profile, children: [] } as FolderNode, seen);
        node.children = this.questionRows(profile, coverage, needingAttention, node, seen);
        return node;
      });
    } else {
      roots = this.questionRows(this.bank.profile, this.bank.coverage(), this.bank.needingAttention(), undefined, seen);
    }
    this.nodes = seen;
    return roots;
  }

  /** The question rows of one profile's coverage, after a "Needs attention" row when some story needs it. */
  private questionRows(
    profile: Profile,
    coverage: readonly CoverageEntry[],
    needingAttention: readonly string[],
    parent: FolderNode | undefined,
    seen: Map<string, TreeNode>,
  ): (QuestionNode | AttentionNode)[] {
    const rows: (QuestionNode | AttentionNode)[] = coverage.map((entry) => {
      const question = profile.questions.find((q) => q.id === entry.id);
      const fresh: QuestionNode = { kind: 'question', parent, entry, question, children: [] };
      const node = this.keep(rowId(fresh), fresh, seen);
      const ready = new Set(entry.ready);
      const paths = [...entry.ready, ...entry.stories.filter((path) => !ready.has(path))];
      for (const path of paths) {
        const story = this.bank.storyByPath(path);
        if (story) node.children.push(this.storyNode(node, story, ready.has(path), seen));
      }
      if (entry.status === 'gap') node.children.push({ kind: 'newStory', parent: node });
      return node;
    });
    if (needingAttention.length > 0) {
      const fresh: AttentionNode = { kind: 'attention', parent, profile, children: [] };
      const attention = this.keep(rowId(fresh), fresh, seen);
      for (const path of needingAttention) {
        const story = this.bank.storyByPath(path);
        if (story) attention.children.push(this.storyNode(attention, story, false, seen));
      }
      rows.unshift(attention);
    }
    return rows;
  }

  /** Root rows; empty (so the welcome view shows) while the bank has no stories. */
  getRoots(): RootNode[] {
    if (this.bank.stories().length === 0) return [];
    this.roots ??= this.build();
    return this.roots;
  }

  /** The rows under a node (the roots without one), without telling anyone the view has read them. */
  rows(node?: TreeNode): TreeNode[] {
    if (!node) return this.getRoots();
    return node.kind === 'folder' || node.kind === 'question' || node.kind === 'attention' || node.kind === 'story' ? node.children : [];
  }

  /** When the view first read the roots after the bank was indexed (performance.now()), for the timings. */
  firstRenderAt: number | undefined;
  /** When the view first read rows with stories, indexed or not yet (while it shows the indexing progress). */
  firstRowsAt: number | undefined;

  /** Called by the view. */
  getChildren(node?: TreeNode): TreeNode[] {
    const rows = this.rows(node);
    if (!node && this.firstRenderAt === undefined && this.bank.hasIndexed) this.firstRenderAt = performance.now();
    if (!node && this.firstRowsAt === undefined && rows.length > 0) this.firstRowsAt = performance.now();
    if (!node && this.caughtUp) {
      const { resolve } = this.caughtUp;
      this.caughtUp = undefined;
      // The view registers the rows after this returns; let it finish first.
      setTimeout(resolve, 0);
    }
    return rows;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'folder' ? undefined : node.parent;
  }

  /** The first tree row for a story file, for revealing the active editor. */
  findStory(uri: vscode.Uri): StoryNode | undefined {
    const rows = this.getRoots().flatMap((root) => (root.kind === 'folder' ? root.children : [root]));
    for (const row of rows) {
      for (const child of row.children) {
        if (child.kind === 'story' && child.story.uri.toString() === uri.toString()) return child;
      }
    }
    return undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(node.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = rowId(node);
        item.description = node.profile.id;
        item.tooltip = `The coverage of the stories in ${node.folder.name}, for its profile: ${node.profile.title} (${node.profile.id}).`;
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.contextValue = 'storyBank.folder';
        return item;
      }
      case 'question': {
        const { entry } = node;
        const item = new vscode.TreeItem(entry.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = rowId(node);
        item.description = questionDescription(entry);
        item.tooltip = questionTooltip(entry, node.question);
        item.iconPath = STATUS_ICON[entry.status];
        item.contextValue = `storyBank.question.${entry.status}`;
        return item;
      }
      case 'attention': {
        const item = new vscode.TreeItem('Needs attention', vscode.TreeItemCollapsibleState.Expanded);
        item.id = rowId(node);
        item.description = `${node.children.length} not counted`;
        item.tooltip = `Stories that claim no question type of the ${node.profile.id} profile, so no coverage row counts them. Fix the question ids in their frontmatter.`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        item.contextValue = 'storyBank.attention';
        return item;
      }
      case 'story': {
        const { story, parent } = node;
        const questionId = parent.kind === 'question' ? parent.entry.id : undefined;
        const label = story.result.title || story.path.split('/').pop() || story.path;
        const item = new vscode.TreeItem(label, node.children.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `story:${questionId ?? 'attention'}:${story.uri.toString()}`;
        item.description = storyDescription(story, questionId);
        const practised = lastPracticed(story.result.story.meta?.practiced);
        const verdict =
          parent.kind === 'attention'
            ? `Not counted: claims ${story.result.questions.map((id) => `"${id}"`).join(', ') || 'no question type'}, which the ${parent.profile.id} profile does not know.`
            : node.ready
              ? `Ready for ${parent.entry.title}: the three filters pass, nothing is an error, and it has this question's answer shape.`
              : `Not ready for ${parent.entry.title}: ${readinessGaps(story.result, parent.entry.id).join(', ') || 'see its findings'}.`;
        const tooltip = new vscode.MarkdownString();
        // appendText turns spaces into &nbsp;, so the marks line (rule ids, ✓/✗ and times only) goes in as Markdown.
        tooltip.appendText(`${story.path}\n\n${verdict}`);
        tooltip.appendMarkdown(`\n\n${filterMarks(story)} · ${formatDuration(story.result.seconds)}${practised ? ` · practised ${practised}` : ''}`);
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
        const parent = node.parent.parent;
        const item = new vscode.TreeItem(findingLabel(finding.message), vscode.TreeItemCollapsibleState.None);
        item.id = `finding:${parent.kind === 'question' ? parent.entry.id : 'attention'}:${story.uri.toString()}:${finding.ruleId}:${finding.span.start}:${finding.span.end}`;
        item.description = `${finding.ruleId} · line ${finding.range.start.line + 1}`;
        item.tooltip = finding.message;
        item.iconPath = FINDING_ICON[finding.severity];
        item.contextValue = 'storyBank.finding';
        item.command = { command: COMMANDS.revealFinding, title: 'Show in story', arguments: [story.uri, toRange(finding.range)] };
        return item;
      }
      case 'newStory': {
        const item = new vscode.TreeItem('New story for this question', vscode.TreeItemCollapsibleState.None);
        item.id = `new:${folderScope(node.parent.parent)}${node.parent.entry.id}`;
        item.iconPath = new vscode.ThemeIcon('add');
        item.contextValue = 'storyBank.newStory';
        item.command = { command: COMMANDS.newStoryForQuestion, title: 'New story for this question', arguments: [node.parent.entry.id] };
        return item;
      }
    }
  }

  dispose(): void {
    this.caughtUp?.resolve();
    this.changed.dispose();
  }
}
