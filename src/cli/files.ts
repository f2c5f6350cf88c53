import { promises as fs, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const SKIPPED_FOLDERS = new Set(['node_modules']);

/** Bigger than this is never a story; it is reported, not read into memory. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export type ReadOutcome = { ok: true; text: string } | { ok: false; message: string };

/**
 * Every `.md` file under the given paths, in a stable order. Folders are searched recursively, skipping
 * `node_modules` and dot-folders; symbolic links to folders are not followed, so link loops cannot trap it.
 */
export async function findMarkdownFiles(inputs: readonly string[], onError: (path: string, message: string) => void): Promise<string[]> {
  const found: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      found.push(file);
    }
  };
  for (const input of inputs) {
    let stat;
    try {
      stat = await fs.stat(input);
    } catch (error) {
      onError(input, describeFsError(error, 'cannot be found'));
      continue;
    }
    if (stat.isDirectory()) {
      const files: string[] = [];
      await walk(input, files, onError);
      files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).forEach(add);
    } else {
      add(input);
    }
  }
  return found;
}

async function walk(folder: string, into: string[], onError: (path: string, message: string) => void): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    onError(folder, describeFsError(error, 'cannot be listed'));
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
      await walk(full, into, onError);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.md')) {
      into.push(full);
    }
  }
}

/** Reads a file as UTF-8 text; binary and non-UTF-8 files come back as a message instead. */
export async function readStoryFile(file: string): Promise<ReadOutcome> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { ok: false, message: 'is not a regular file' };
    if (stat.size > MAX_FILE_BYTES) {
      return {
        ok: false,
        message: `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, too large to be a story (limit ${MAX_FILE_BYTES / 1024 / 1024} MB); skipped`,
      };
    }
    bytes = await fs.readFile(file);
  } catch (error) {
    return { ok: false, message: describeFsError(error, 'cannot be read') };
  }
  return decodeStoryBytes(bytes);
}

/** The same as `readStoryFile`, without a promise per file: many small reads finish much sooner this way. */
export function readStoryFileSync(file: string): ReadOutcome {
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { ok: false, message: 'is not a regular file' };
    if (stat.size > MAX_FILE_BYTES) {
      return {
        ok: false,
        message: `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, too large to be a story (limit ${MAX_FILE_BYTES / 1024 / 1024} MB); skipped`,
      };
    }
    bytes = readFileSync(file);
  } catch (error) {
    return { ok: false, message: describeFsError(error, 'cannot be read') };
  }
  return decodeStoryBytes(bytes);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeStoryBytes(bytes: Uint8Array): ReadOutcome {
  if (bytes.subarray(0, 8192).includes(0)) {
    return { ok: false, message: 'looks like a binary file (it contains NUL bytes); skipped' };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, message: 'is not valid UTF-8 text; save it as UTF-8 to check it' };
  }
  return { ok: true, text };
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
