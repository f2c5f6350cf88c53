// A bank host over a map of paths to contents, for unit tests (the way vscode-markdown-languageservice tests against
// an in-memory workspace) and for embedding the index where there is no file system. Paths are absolute and `/`-separated.
import type { BankChange, BankHost, Disposable, FileStat, ReadBytes } from './host';

export class MemoryHost implements BankHost {
  private readonly files = new Map<string, Uint8Array>();
  private readonly mtimes = new Map<string, number>();
  private readonly listeners = new Set<{ folder: string; onChange: (change: BankChange) => void }>();
  private clock = 1;

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array): void {
    const existed = this.files.has(path);
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    this.mtimes.set(path, this.clock++);
    this.emit({ kind: existed ? 'changed' : 'created', path });
  }

  remove(path: string): void {
    if (this.files.delete(path)) this.emit({ kind: 'deleted', path });
  }

  async listMarkdownFiles(folder: string): Promise<string[]> {
    return [...this.files.keys()]
      .filter((path) => {
        const relative = this.relative(folder, path);
        return (
          relative !== undefined &&
          path.toLowerCase().endsWith('.md') &&
          !relative.split('/').some((part, index, parts) => index < parts.length - 1 && (part.startsWith('.') || part === 'node_modules'))
        );
      })
      .sort();
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const file = this.files.get(path);
    if (file) return { kind: 'file', size: file.length, mtimeMs: this.mtimes.get(path)!, ino: 0 };
    const prefix = path.endsWith('/') ? path : `${path}/`;
    return [...this.files.keys()].some((candidate) => candidate.startsWith(prefix)) ? { kind: 'folder', size: 0, mtimeMs: 0, ino: 0 } : undefined;
  }

  async readFile(path: string): Promise<ReadBytes> {
    const file = this.files.get(path);
    return file ? { ok: true, bytes: file } : { ok: false, message: 'does not exist' };
  }

  parent(path: string): string | undefined {
    if (path === '/' || !path.includes('/')) return undefined;
    const parent = path.slice(0, path.replace(/\/$/, '').lastIndexOf('/'));
    return parent === '' ? '/' : parent;
  }

  join(folder: string, name: string): string {
    return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
  }

  relative(folder: string, path: string): string | undefined {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
  }

  watch(folder: string, onChange: (change: BankChange) => void): Disposable {
    const listener = { folder, onChange };
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(change: BankChange): void {
    for (const listener of this.listeners) if (this.relative(listener.folder, change.path) !== undefined) listener.onChange(change);
  }
}
