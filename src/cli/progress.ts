/** `Checking [#######-------------]  350/1000  35%` on one rewritten stderr line. */
export class Progress {
  private lastDrawn = -1;
  constructor(
    private readonly stderr: NodeJS.WriteStream,
    private readonly enabled: (total: number) => boolean,
  ) {}

  show(done: number, total: number): void {
    if (total === 0 || !this.enabled(total)) return;
    const percent = Math.floor((Math.min(done, total) / total) * 100);
    if (percent === this.lastDrawn) return;
    this.lastDrawn = percent;
    const width = 24;
    const filled = Math.round((percent / 100) * width);
    const count = String(Math.min(done, total)).padStart(String(total).length);
    this.stderr.write(`\rChecking [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}/${total} ${String(percent).padStart(3)}%`);
  }

  done(total: number): void {
    if (total > 0 && this.enabled(total)) this.stderr.write(`\rChecked ${total} files.${' '.repeat(40)}\n`);
  }
}
