// The bank host over Node's file system, for the CLI and the MCP server. Reads are synchronous under the
// promise: thousands of small files finish much sooner that way than through the thread pool.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { BankHost, FileStat, ReadBytes } from '../core/bank';

const SKIPPED_FOLDERS = new Set(['node_modules']);

export const nodeHost: BankHost = {
  async listMarkdownFiles(folder, onError) {
    const files: string[] = [];
    walk(folder, files, onError);
    return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  },
  async stat(file) {
    return statOf(file);
  },
  async readFile(file): Promise<ReadBytes> {
    try {
      return { ok: true, bytes: readFileSync(file) };
    } catch (error) {
      return { ok: false, message: describeFsError(error, 'cannot be read') };
    }
  },
  parent(file) {
    const parent = path.dirname(file);
    return parent === file ? undefined : parent;
  },
  join: (folder, name) => path.join(folder, name),
  relative(folder, file) {
    const relative = path.relative(path.resolve(folder), path.resolve(file));
    return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
  },
};

/** Size, modification time and inode; undefined when nothing is there. */
function statOf(file: string): FileStat | undefined {
  try {
    const stat = statSync(file);
    return { kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other', size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return undefined;
    return { kind: 'other', size: 0, mtimeMs: 0, ino: 0, problem: describeFsError(error, 'cannot be read') };
  }
}

/** Symbolic links to folders are not followed, so link loops cannot trap the walk. */
function walk(folder: string, into: string[], onError: (path: string, message: string) => void): void {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    onError(folder, describeFsError(error, 'cannot be listed'));
    return;
  }
  // path.join normalizes the whole path again for every entry; a file name is one segment, so the normalized
  // folder and a separator in front of it give the same path.
  const normalized = path.join(folder, '.');
  const prefix = normalized === '.' ? '' : normalized.endsWith(path.sep) ? normalized : normalized + path.sep;
  for (const entry of entries) {
    const full = prefix + entry.name;
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
      walk(full, into, onError);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.md')) {
      into.push(full);
    }
  }
}

function describeFsError(error: unknown, fallback: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    case 'ELOOP':
      return 'is a symbolic link loop; skipped';
    case 'EISDIR':
      return 'is a folder';
    default:
      return code ? `${fallback} (${code})` : fallback;
  }
}
