// The bank host over VS Code's workspace.fs and file watchers, so stories on virtual file systems are indexed
// too. Paths are URI strings. An open document's text wins over the disk: it is what the writer sees. Files on
// the extension host's own disk (`file:` URIs) are listed, stat'ed and read with Node, as the CLI does: through
// workspace.fs each call is a round trip to the workbench, which in a remote or browser window (code-server)
// made stat'ing 1,000 unchanged stories take seconds.
import * as vscode from 'vscode';
import { nodeHost } from '../cli/node-host';
import type { BankChange, BankHost, Disposable, FileStat, ReadBytes } from '../core/bank';
import { EXCLUDE_GLOB } from './constants';

/** The file's path on this host's disk, for a `file:` URI string. */
function onDisk(path: string): string | undefined {
  const uri = vscode.Uri.parse(path);
  return uri.scheme === 'file' ? uri.fsPath : undefined;
}

const encoder = new TextEncoder();

export function openDocument(path: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === path);
}

export const vscodeHost: BankHost = {
  async listMarkdownFiles(folder, onError) {
    const local = onDisk(folder);
    if (local !== undefined) {
      const files = await nodeHost.listMarkdownFiles(local, (path, message) => onError(vscode.Uri.file(path).toString(), message));
      return files.map((path) => vscode.Uri.file(path).toString()).sort();
    }
    const base = vscode.Uri.parse(folder);
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(base, '**/*.md'), EXCLUDE_GLOB);
    // Dot-folders are skipped, as the Node host's walk skips them.
    return found
      .filter((uri) => !/\/\.[^/]*\//.test(uri.path.slice(base.path.length)))
      .map((uri) => uri.toString())
      .sort();
  },
  async stat(path): Promise<FileStat | undefined> {
    const local = onDisk(path);
    if (local !== undefined) return nodeHost.stat(local);
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
    const local = onDisk(path);
    if (local !== undefined) return nodeHost.readFile(local);
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
