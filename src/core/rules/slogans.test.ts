import { ruleTable } from '../../../test/unit/ruleTester';
import { slogans } from './slogans';

const star = (situation: string, action: string, result: string) => `## Situation\n${situation}\n\n## Action\n${action}\n\n## Result\n${result}\n`;

ruleTable(slogans, {
  valid: [
    {
      name: 'quoted feedback instead of a claim',
      story: star(
        'Our tech lead told me: "Your roadmap is a wish list."',
        'I cut the roadmap to three commitments a quarter.',
        'We delivered all three, and trust in the roadmap rose from 2.1 to 4.0.',
      ),
    },
    {
      name: 'asking for feedback is an action, not a slogan',
      story: 'We had one week left. I asked three sellers for feedback on the photo step. Completion went from 48% to 61%.',
    },
    {
      name: 'naming the data is evidence',
      story: 'Trials were leaking. I looked at churn data for 4,000 accounts and cut the trial to 7 days. Paid conversion rose 13 points.',
    },
    {
      name: 'a hedge in the situation is not a claim about you',
      story: star('We were maybe three weeks from launch.', 'I cut the export feature.', 'We launched on the date.'),
    },
    {
      name: 'a hedged prediction after a modal is reasoning',
      story: star('Fraud risk was unknown.', 'I argued that users would probably churn without instant payouts.', 'Fraud losses were $7,800.'),
    },
    {
      name: 'other people thinking is not a hedge',
      story: star('Sales wanted the feature.', 'I shipped a capped version.', 'The partners think it saved the deal, and both signed.'),
    },
    {
      name: 'intensifiers like really, very and just are left alone',
      story: star('Signups were flat.', 'I just rewrote the first screen.', 'Conversion really jumped, from 9% to a very solid 12%.'),
    },
    {
      name: '"the kind of" is a noun phrase, not a hedge',
      story: star(
        'Support was overloaded.',
        'Social media picked it up, which was exactly the kind of noise I wanted to avoid.',
        'What sort of plan worked? A staggered one: waits fell to 5 minutes.',
      ),
    },
    {
      name: 'hedges can be turned off',
      options: { hedges: false },
      story: star('Signups were flat.', 'I sort of rewrote the first screen.', 'It maybe helped.'),
    },
    {
      name: 'an allowed slogan',
      options: { allow: ['Team Player'] },
      story: 'The award was called Team Player of the Year. I won it for the billing migration. It shipped in May.',
    },
    {
      name: 'words of a slogan in different sentences',
      story: 'I joined the team. Player counts doubled after I fixed matchmaking. Retention rose 8%.',
    },
    {
      name: '"open to" in another sense',
      story: 'The beta was open to the public. I capped it at 500 users. We found 12 bugs before launch.',
    },
  ],
  invalid: [
    {
      name: 'open to feedback, with its intensifier',
      story: `${star('Sales disliked the flow.', 'We ran a workshop.', 'Completion rose to 61%.')}\n## Lesson\nI'm very open to feedback.\n`,
      errors: [{ text: 'very open to feedback', messageId: 'slogan', message: /quote the feedback and say what you changed/ }],
    },
    {
      name: 'data-driven',
      story: 'I am a data-driven PM. I cut the trial. Conversion rose.',
      errors: [{ text: 'data-driven', messageId: 'slogan', message: /name the number you looked at/ }],
    },
    {
      name: 'used data to decide',
      story: star('Two vendors bid.', 'I used data to decide between them.', 'Late subtitles fell from 14 to 1 a month.'),
      errors: [{ text: 'used data to decide', messageId: 'slogan' }],
    },
    {
      name: 'a slogan broken across lines',
      story: 'Subtitles kept slipping. As a team\nplayer, I kept everyone aligned. Late titles dropped to one.',
      errors: [{ text: 'team\nplayer', messageId: 'slogan', message: /"team player" is a claim/ }],
    },
    {
      name: 'a slogan inside bold markup',
      story: 'Hiring was slow. I am a **team player** and a people person. We hired four engineers.',
      errors: [
        { text: 'team player', messageId: 'slogan' },
        { text: 'a people person', messageId: 'slogan', message: /one relationship you built/ },
      ],
    },
    {
      name: 'passionate about, and a hedge in the result',
      story: star("I'm passionate about quality.", 'I tested every build myself.', 'The launch kind of went smoothly.'),
      errors: [
        { text: 'passionate about', messageId: 'slogan' },
        { text: 'kind of', messageId: 'hedge', message: /The hedge "kind of" weakens/ },
      ],
    },
    {
      name: 'maybe in the result',
      story: star('Retention was falling.', 'I added a watchlist reminder.', 'It maybe helped retention.'),
      errors: [{ text: 'maybe', messageId: 'hedge' }],
    },
    {
      name: 'I think in the result',
      story: star('Retention was falling.', 'I added a reminder.', 'I think the reminder helped.'),
      errors: [{ text: 'I think', messageId: 'hedge' }],
    },
    {
      name: 'sort of in the action',
      story: '### Context\nThe review had no owner.\n\n### What I did\nI sort of led the review.\n\n### Outcome\nIt shipped.\n',
      errors: [{ text: 'sort of', messageId: 'hedge' }],
    },
    {
      name: 'an extra phrase from the options',
      options: { extra: ['rockstar'] },
      story: 'The team was stuck. I was the rockstar who fixed it. We shipped in May.',
      errors: [{ text: 'rockstar', messageId: 'slogan' }],
    },
    {
      name: 'CRLF paragraph with several slogans',
      story: 'Launch was at risk.\r\n\r\nI went above and beyond and created synergy with design.\r\n\r\nWe thought outside the box and it worked.\r\n',
      errors: [
        { text: 'went above and beyond', messageId: 'slogan' },
        { text: 'synergy', messageId: 'slogan' },
        { text: 'thought outside the box', messageId: 'slogan' },
      ],
    },
    {
      name: 'a hedge in the inferred result of a story without headings',
      story: 'Our checkout was slow. I profiled it and removed two redirects. Load time fell by perhaps a second.',
      errors: [{ text: 'perhaps', messageId: 'hedge' }],
    },
  ],
});
