import { ruleTable } from '../../../test/unit/ruleTester';
import { frontmatter } from './frontmatter';

ruleTable(frontmatter, {
  valid: [
    { name: 'minimal frontmatter', story: '---\ntitle: Shrinking the trial\nquestions: [judgment]\n---\nBody.' },
    { name: 'several ids and extra keys', story: '---\ntitle: T\nquestions: [judgment, failure]\nmood: proud\nstatus: ready\n---\n' },
    { name: 'block list', story: '---\ntitle: T\nquestions:\n  - candor\n  - leadership\npracticed: [2026-11-01]\n---\n' },
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
