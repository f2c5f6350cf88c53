// How a file's bytes become a story's text, the same way for every host: a size limit, no binary files, strict
// UTF-8. A file that fails any of these is reported by name and never linted as garbled text.
import type { BankHost, FileStat } from './host';

/** Bigger than this is never a story; it is reported, not read into memory. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export type ReadOutcome = { ok: true; text: string } | { ok: false; message: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeStoryBytes(bytes: Uint8Array): ReadOutcome {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, message: tooLarge(bytes.length) };
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, message: 'looks like a binary file (it contains NUL bytes); skipped' };
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    return { ok: false, message: 'is not valid UTF-8 text; save it as UTF-8 to check it' };
  }
}

/** `known` is the file's stat when the caller already took it (the index does, for the cache's metadata check). */
export async function readStoryText(host: BankHost, path: string, known?: FileStat): Promise<ReadOutcome> {
  const stat = known ?? (await host.stat(path));
  if (!stat) return { ok: false, message: 'does not exist' };
  if (stat.kind !== 'file') return { ok: false, message: stat.kind === 'folder' ? 'is a folder' : (stat.problem ?? 'is not a regular file') };
  if (stat.size > MAX_FILE_BYTES) return { ok: false, message: tooLarge(stat.size) };
  const read = await host.readFile(path);
  return read.ok ? decodeStoryBytes(read.bytes) : read;
}

function tooLarge(size: number): string {
  return `is ${(size / 1024 / 1024).toFixed(1)} MB, too large to be a story (limit ${MAX_FILE_BYTES / 1024 / 1024} MB); skipped`;
}
