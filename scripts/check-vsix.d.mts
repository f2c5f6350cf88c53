export interface ZipFile {
  name: string;
  read(): Buffer;
}
export function zipEntries(buffer: Buffer): string[];
export function zipFiles(buffer: Buffer): ZipFile[];
export function checkLinks(files: readonly ZipFile[], repoRoot?: string): string[];
export function checkVsix(path: string): { size: number; names: string[]; problems: string[] };
