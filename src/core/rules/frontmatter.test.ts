import { ruleTable } from '../../../test/unit/ruleTester';
import { frontmatter } from './frontmatter';

ruleTable(frontmatter, {
  valid: [
    { name: 'minimal frontmatter', story: '---\ntitle: Shrinking the trial\nquestions: [judgment]\n---\nBody.' },
    { name: 'several ids and extra keys', story: '---\ntitle: T\nquestions: [judgment, failure]\nmood: proud\nstatus: ready\n---\n' },
    { name: 'block list', story: '---\ntitle: T\nquestions:\n  - candor\n  - leadership\npracticed: [2026-11-01]\n---\n' },
    {
      name: 'questions keyed by profile (block map)',
      story: '---\ntitle: T\nquestions:\n  netflix-pm: [judgment]\n  amazon-lp:\n    - are-right-a-lot\n    - bias-for-action\n---\n',
    },
    {
      name: 'questions keyed by profile (flow map, CRLF)',
      story: '---\r\ntitle: T\r\nquestions: {general-behavioral: [ambiguity], amazon-lp: [dive-deep]}\r\n---\r\n',
    },
    { name: 'an empty list for a profile claims nothing there', story: '---\ntitle: T\nquestions: {netflix-pm: [failure], amazon-lp: []}\n---\n' },
  ],
  invalid: [
    {
      name: 'typo in a question id gets a suggestion',
      story: '---\ntitle: T\nquestions: [judgement]\n---\n',
      errors: [{ text: 'judgement', messageId: 'unknownQuestion', message: /did you mean "judgment"/ }],
    },
    {
      name: 'unrelated id lists the known ids',
      story: '---\ntitle: T\nquestions: [banana]\n---\n',
      errors: [{ text: 'banana', message: /judgment, candor/ }],
    },
    {
      name: 'a typo under another profile is checked against that profile, at the exact id',
      story: '---\ntitle: T\nquestions:\n  netflix-pm: [judgment]\n  amazon-lp: [are-right-a-lot, bias-for-acton]\n---\n',
      errors: [
        {
          text: 'bias-for-acton',
          messageId: 'unknownQuestion',
          message: /"bias-for-acton", expected one of the amazon-lp ids: did you mean "bias-for-action"\?/,
        },
      ],
    },
    {
      name: 'a netflix id under amazon-lp is unknown there',
      story: '---\ntitle: T\nquestions: {amazon-lp: [judgment, frugality]}\n---\n',
      errors: [{ text: 'judgment', messageId: 'unknownQuestion', message: /amazon-lp ids: customer-obsession, ownership/ }],
    },
    {
      name: 'an unknown profile key gets a suggestion at the key; its ids are not judged',
      story: '---\ntitle: T\nquestions:\n  netflix-pm: [candor]\n  amazon: [whatever]\n---\n',
      errors: [
        {
          text: 'amazon',
          messageId: 'unknownProfile',
          message: /Unexpected profile "amazon" in questions, expected a known profile: did you mean "amazon-lp"\?/,
        },
      ],
    },
    {
      name: 'a profile key whose value is not a list',
      story: '---\ntitle: T\nquestions: {netflix-pm: judgment}\n---\n',
      errors: [{ text: 'judgment', messageId: 'schema', message: /"questions\.netflix-pm": expected a list of question ids for this profile/ }],
    },
    {
      name: 'an empty map',
      story: '---\ntitle: T\nquestions: {}\n---\n',
      errors: [{ text: '{}', messageId: 'schema', message: /at least one profile/ }],
    },
    {
      name: 'missing title points at the opening line',
      story: '---\nquestions: [judgment]\n---\n',
      errors: [{ text: '---', messageId: 'schema', message: /title/ }],
    },
    {
      name: 'bad status points at the value',
      story: '---\ntitle: T\nquestions: [judgment]\nstatus: maybe\n---\n',
      errors: [{ text: 'maybe', messageId: 'schema' }],
    },
    {
      name: 'questions as a plain string',
      story: '---\ntitle: T\nquestions: judgment\n---\n',
      errors: [{ text: 'judgment', messageId: 'schema', message: /list of question ids/ }],
    },
    {
      name: 'empty questions list',
      story: '---\ntitle: T\nquestions: []\n---\n',
      errors: [{ text: '[]', messageId: 'schema' }],
    },
    {
      name: 'YAML syntax error at its position',
      story: '---\ntitle: "unclosed\nquestions: [judgment]\n---\n',
      errors: [{ text: '"unclosed', messageId: 'problem', message: /not valid YAML/ }],
    },
    {
      name: 'javascript frontmatter is refused, not run',
      story: '---js\n{ title: "T", questions: ["judgment"] }\n---\n',
      errors: [{ text: '---js', messageId: 'problem', message: /refused/ }],
    },
    {
      name: 'unclosed frontmatter',
      story: '---\ntitle: T\nquestions: [judgment]\n',
      errors: [{ text: '---', messageId: 'problem', message: /never closed/ }],
    },
    {
      name: 'bad practiced date',
      story: '---\ntitle: T\nquestions: [failure]\npracticed: [last week]\n---\n',
      errors: [{ text: 'last week', messageId: 'schema', message: /YYYY-MM-DD/ }],
    },
  ],
});
