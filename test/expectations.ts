// Expected findings written inside a fixture story, read the same way by the unit tests (test/unit/fixtures.test.ts)
// and the real-editor tests (test/integration): `<!-- expect rule-a rule-b -->` in Markdown and `# expect rule-a` in
// frontmatter, on the line where the findings start. `rule:severity` also states the severity.

export type ExpectedSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface LocatedFinding {
  /** 1-based, as an editor shows it. */
  line: number;
  ruleId: string;
  severity: ExpectedSeverity;
}

interface Expectation {
  line: number;
  ruleId: string;
  severity: ExpectedSeverity | undefined;
}

const EXPECT = /<!--\s*expect\s+([a-z: -]+?)\s*-->|#\s*expect\s+([a-z: -]+)$/;

function expectations(text: string): Expectation[] {
  const found: Expectation[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const match = EXPECT.exec(line);
    if (!match) return;
    for (const word of (match[1] ?? match[2]).trim().split(/\s+/)) {
      const [ruleId, severity] = word.split(':');
      found.push({ line: index + 1, ruleId, severity: severity as ExpectedSeverity | undefined });
    }
  });
  return found;
}

const key = (line: number, ruleId: string, severity?: string) => [line, ruleId, ...(severity ? [severity] : [])].join(':');

/**
 * The expected and the actual findings as sorted `line:rule` keys, with `:severity` where the fixture states
 * one for that line and rule; compare the two lists with deepEqual.
 */
export function compareWithExpectations(text: string, actual: readonly LocatedFinding[]): { expected: string[]; actual: string[] } {
  const stated = expectations(text);
  const withSeverity = new Set(stated.filter((e) => e.severity).map((e) => key(e.line, e.ruleId)));
  return {
    expected: stated.map((e) => key(e.line, e.ruleId, e.severity)).sort(),
    actual: actual.map((f) => key(f.line, f.ruleId, withSeverity.has(key(f.line, f.ruleId)) ? f.severity : undefined)).sort(),
  };
}
