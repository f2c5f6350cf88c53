// What the bank index needs from the place the stories live. Three hosts implement it: the Node file system
// (src/cli/node-host.ts), VS Code's workspace.fs (src/extension/vscode-host.ts) and memory (./memory-host.ts).
// Paths are the host's own strings; only the host joins, splits and relates them.

export interface FileStat {
  kind: 'file' | 'folder' | 'other';
  size: number;
  mtimeMs: number;
  /** The inode where the host has one, else 0. */
  ino: number;
  /** Why a path that exists cannot be used (kind `other`), such as a symbolic link loop. */
  problem?: string;
}

export type ReadBytes = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

export interface Disposable {
  dispose(): void;
}

export type BankChange = { kind: 'created' | 'changed' | 'deleted'; path: string };

export interface BankHost {
  /**
   * Every `.md` file under `folder`, in a stable order. Dot-folders and `node_modules` are skipped, and links to
   * folders are not followed. A folder that cannot be listed is reported through `onError`, not thrown.
   */
  listMarkdownFiles(folder: string, onError: (path: string, message: string) => void): Promise<string[]>;
  /** Undefined when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
  readFile(path: string): Promise<ReadBytes>;
  /** The folder holding `path`; undefined at the top of the file system. */
  parent(path: string): string | undefined;
  join(folder: string, name: string): string;
  /** `path` relative to `folder` with `/` separators, or undefined when it is not inside `folder`. */
  relative(folder: string, path: string): string | undefined;
  /** Optional: calls `onChange` when a file under `folder` is created, changed or deleted. */
  watch?(folder: string, onChange: (change: BankChange) => void): Disposable;
}
