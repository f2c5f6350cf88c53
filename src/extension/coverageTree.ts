// The "Question coverage" tree: one row per question type of the profile, stories below.
import * as vscode from 'vscode';
import type { CoverageEntry } from '../core';

type Node = { kind: 'question'; entry: CoverageEntry } | { kind: 'story'; path: string; ready: boolean };

const STATUS_ICON: Record<CoverageEntry['status'], vscode.ThemeIcon> = {
  covered: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  thin: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  gap: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
};

export class CoverageTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly entries: () => readonly CoverageEntry[]) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.entries().map((entry) => ({ kind: 'question', entry }));
    if (node.kind === 'question') {
      return node.entry.stories.map((path) => ({ kind: 'story', path, ready: node.entry.ready.includes(path) }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'question') {
      const { entry } = node;
      const item = new vscode.TreeItem(
        entry.title,
        entry.stories.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.id = `question:${entry.id}`;
      item.description = `${entry.status} · ${entry.ready.length}/${entry.stories.length} ready`;
      item.tooltip = `${entry.title} (${entry.id}): ${entry.status}`;
      item.iconPath = STATUS_ICON[entry.status];
      item.contextValue = `storyBank.question.${entry.status}`;
      return item;
    }
    const folder = vscode.workspace.workspaceFolders?.[0];
    const item = new vscode.TreeItem(node.path, vscode.TreeItemCollapsibleState.None);
    item.description = node.ready ? 'ready' : 'needs work';
    item.iconPath = new vscode.ThemeIcon('book');
    if (folder) {
      const uri = vscode.Uri.joinPath(folder.uri, node.path);
      item.resourceUri = uri;
      item.command = { command: 'vscode.open', title: 'Open story', arguments: [uri] };
    }
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
