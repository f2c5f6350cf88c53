// The bank host over VS Code's workspace.fs and file watchers, so stories on virtual file systems are indexed
// too. Paths are URI strings. An open document's text wins over the disk: it is what the writer sees.
import * as vscode from 'vscode';
import type { BankChange, BankHost, Disposable, FileStat, ReadBytes } from '../core/bank';
import { EXCLUDE_GLOB } from './constants';

const encoder = new TextEncoder();

export function openDocument(path: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === path);
}

export const vscodeHost: BankHost = {
  async listMarkdownFiles(folder) {
    const base = vscode.Uri.parse(folder);
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(base, '**/*.md'), EXCLUDE_GLOB);
    // Dot-folders are skipped, as the Node host's walk skips them.
    return found
      .filter((uri) => !/\/\.[^/]*\//.test(uri.path.slice(base.path.length)))
      .map((uri) => uri.toString())
      .sort();
  },
  async stat(path): Promise<FileStat | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(path));
      const kind = stat.type & vscode.FileType.Directory ? 'folder' : stat.type & vscode.FileType.File ? 'file' : 'other';
      return { kind, size: stat.size, mtimeMs: stat.mtime, ino: 0 };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      return { kind: 'other', size: 0, mtimeMs: 0, ino: 0, problem: `cannot be read (${String(error)})` };
    }
  },
  async readFile(path): Promise<ReadBytes> {
    const open = openDocument(path);
    if (open) return { ok: true, bytes: encoder.encode(open.getText()) };
    try {
      return { ok: true, bytes: await vscode.workspace.fs.readFile(vscode.Uri.parse(path)) };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { ok: false, message: 'does not exist' };
      return { ok: false, message: `cannot be read (${String(error)})` };
    }
  },
  parent(path) {
    const uri = vscode.Uri.parse(path);
    return uri.path === '/' || uri.path === '' ? undefined : vscode.Uri.joinPath(uri, '..').toString();
  },
  join: (folder, name) => vscode.Uri.joinPath(vscode.Uri.parse(folder), name).toString(),
  relative(folder, path) {
    const base = vscode.Uri.parse(folder);
    const uri = vscode.Uri.parse(path);
    if (uri.scheme !== base.scheme || uri.authority !== base.authority) return undefined;
    const prefix = base.path.endsWith('/') ? base.path : `${base.path}/`;
    return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
  },
  watch(folder, onChange: (change: BankChange) => void): Disposable {
    const base = vscode.Uri.parse(folder);
    const stories = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(base, '**/*.md'));
    // Deleting a folder, or moving one in, is reported once, for the folder: the Markdown watcher may never see its
    // files go or come.
    const folders = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(base, '**'), false, true, false);
    const notMarkdown = (kind: BankChange['kind']) => (uri: vscode.Uri) =>
      uri.path.toLowerCase().endsWith('.md') ? undefined : onChange({ kind, path: uri.toString() });
    const report = (kind: BankChange['kind']) => (uri: vscode.Uri) => onChange({ kind, path: uri.toString() });
    const disposables = [
      stories,
      folders,
      stories.onDidCreate(report('created')),
      stories.onDidChange(report('changed')),
      stories.onDidDelete(report('deleted')),
      folders.onDidCreate(notMarkdown('created')),
      folders.onDidDelete(notMarkdown('deleted')),
    ];
    return { dispose: () => disposables.forEach((disposable) => disposable.dispose()) };
  },
};
