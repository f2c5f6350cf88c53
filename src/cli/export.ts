// `storybank export [paths...] --out <dir> [--force]`: writes the cheat sheet (Markdown, HTML) and the CSV
// matrix. Never overwrites silently: an existing target stops the run (exit 2) unless --force is given, and
// without --force every file is created exclusively, so one that appears meanwhile is not replaced either.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CheatSheet } from '../core/export';
import type { ResolvedConfig } from '../core/config';

/** Same as CHEAT_SHEET_FILES in src/core/export.ts (not imported: the light CLI does not load the core). */
export const EXPORT_FILES = { markdown: 'cheat-sheet.md', html: 'cheat-sheet.html', csv: 'coverage.csv' } as const;

export interface ExportedBank {
  sheet: CheatSheet;
  config: ResolvedConfig;
  errors: { path: string; message: string }[];
}

export async function runExport(
  out: string | undefined,
  force: boolean,
  exportBank: () => Promise<ExportedBank>,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  if (!out) {
    io.stderr.write('storybank: export needs --out <dir>, the folder to write cheat-sheet.md, cheat-sheet.html and coverage.csv to\n');
    return 2;
  }
  const targets = (Object.keys(EXPORT_FILES) as (keyof typeof EXPORT_FILES)[]).map((kind) => ({ kind, file: path.join(out, EXPORT_FILES[kind]) }));
  const existing = targets.filter(({ file }) => exists(file));
  if (existing.length > 0 && !force) {
    io.stderr.write(`storybank: not overwriting ${existing.map(({ file }) => file).join(', ')}; choose another --out folder or pass --force to replace\n`);
    return 2;
  }
  const { sheet, config, errors } = await exportBank();
  mkdirSync(out, { recursive: true });
  for (const { kind, file } of targets) {
    try {
      writeFileSync(file, sheet[kind], { encoding: 'utf8', flag: force ? 'w' : 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.stderr.write(
        `storybank: ${code === 'EEXIST' ? `${file} appeared while exporting; not overwriting it` : `cannot write ${file}: ${code ?? (error as Error).message}`}\n`,
      );
      return 2;
    }
  }
  for (const error of errors) io.stderr.write(`storybank: ${error.path}: ${error.message}\n`);
  io.stdout.write(`Wrote ${targets.map(({ file }) => file).join(', ')} (${config.profile.id}).\n`);
  return 0;
}

function exists(file: string): boolean {
  return existsSync(file);
}
