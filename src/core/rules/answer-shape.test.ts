import { ruleTable } from '../../../test/unit/ruleTester';
import { answerShape } from './answer-shape';

const star = (situation: string, action: string, result: string, lesson?: string) =>
  `## Situation\n${situation}\n\n## Action\n${action}\n\n## Result\n${result}\n${lesson ? `\n## Lesson\n${lesson}\n` : ''}`;

ruleTable(answerShape, {
  valid: [
    // judgment -> options
    {
      name: 'judgment: "X over Y"',
      questions: ['judgment'],
      story: star('Fraud risk was unknown.', 'I chose the capped launch over a full delay, accepting angry power users.', 'Losses were $7,800.'),
    },
    {
      name: 'judgment: "could ... or ..." without headings',
      questions: ['judgment'],
      story: 'Trials were leaking. We could ship the change to everyone or test it in two markets first. I picked the test. Conversion rose 13 points.',
    },
    {
      name: 'judgment: options as bullets',
      questions: ['judgment'],
      story: '- Option A was to delay a quarter.\n- Option B was to launch with a cap.\n- I took B, and we launched on 12 September.\n',
    },
    // candor -> feedback
    {
      name: 'candor: a straight-quoted line with no speech verb',
      questions: ['candor'],
      story: star(
        'My spec reviews dragged.',
        'The note on my review read "this plan hides the risk" and I rewrote it that night.',
        'Reviews took half the time.',
      ),
    },
    {
      name: 'candor: curly single quotes',
      questions: ['candor'],
      story: '‘You never close the loop with sales’ was the line in my review. I started a weekly summary. Sales escalations fell from 9 to 2 a month.',
    },
    {
      name: 'candor: reported speech',
      questions: ['candor'],
      story: star(
        'Design reviews felt tense.',
        'My manager told me that I interrupted engineers before they finished.',
        'I now wait, and two engineers said reviews felt safer.',
      ),
    },
    // disagree-commit -> commitment
    {
      name: 'disagree-commit: once the VP decided',
      questions: ['disagree-commit'],
      story: star(
        'The VP wanted sound-on trailers.',
        'I argued against it with complaint data. Once the VP decided, I wrote the rollout plan myself.',
        'Plays rose 3.5%.',
      ),
    },
    {
      name: 'disagree-commit: committed fully, without headings',
      questions: ['disagree-commit'],
      story:
        'Our design lead wanted a kids profile by default. I disagreed and brought support tickets. The director chose her version. I committed fully and helped ship it on the planned date.',
    },
    {
      name: 'disagree-commit: backed the decision, CRLF',
      questions: ['disagree-commit'],
      story:
        '## Context\r\nFinance wanted annual plans only.\r\n\r\n## Action\r\nI pushed for monthly plans and lost the vote. I backed the decision in every review after that.\r\n\r\n## Result\r\nAnnual plans reached 40% of sign-ups.\r\n',
    },
    // failure -> ownership
    {
      name: 'failure: owned, with impact',
      questions: ['failure'],
      story: star(
        'I owned the billing migration.',
        'I skipped the dry run to save a week. That was my mistake.',
        '300 customers were double-charged and we refunded them within a day.',
        'I now run a dry run before every migration.',
      ),
    },
    {
      name: 'failure: underestimated, without headings',
      questions: ['failure'],
      story:
        'I was the PM for the partner integration. I underestimated the API work. We slipped the launch by three weeks and lost the holiday slot. Since then I ask engineers for a range, not a date.',
    },
    {
      name: 'failure: bullets and "I should have"',
      questions: ['failure'],
      story:
        '- I launched the price email to everyone on one day.\n- I should have asked support first.\n- The queue tripled and 1,200 members cancelled that week.\n- Now support reviews every member-wide change.\n',
    },
    // leadership -> influence
    {
      name: 'leadership: convinced teams that did not report to me',
      questions: ['leadership'],
      story: star(
        'Refunds took nine days.',
        "Engineering and legal didn't report to me. I convinced them with a one-page proposal.",
        'Refund time fell to one day.',
      ),
    },
    {
      name: "leadership: earned the partner team's trust",
      questions: ['leadership'],
      story:
        'The partner team had other priorities. I earned their trust by shadowing their on-call for a week. They shipped the fix in May, and tickets fell 40%.',
    },
    {
      name: 'leadership: buy-in from leads',
      questions: ['leadership'],
      story: star(
        'Three teams owned parts of checkout.',
        'None of them reported to me, so I got buy-in from each lead with a shared metric.',
        'Checkout errors fell by half.',
      ),
    },
    {
      name: 'leadership: won the design lead over',
      questions: ['leadership'],
      story: 'The design lead did not report to me. I won the design lead over by sharing twenty complaint transcripts. Complaints fell from 410 to 95 a week.',
    },
    // general
    {
      name: 'a question id unknown to the profile is left to the frontmatter rule',
      questions: ['banana'],
      story: 'It went well. Everyone was happy. The end.',
    },
    {
      name: 'an empty body is left to the structure rule',
      questions: ['failure', 'candor'],
      story: '\n',
    },
  ],
  invalid: [
    // judgment
    {
      name: 'judgment: one path only',
      questions: ['judgment'],
      story: star('Trials were leaking.', 'I decided to shorten the trial to 7 days.', 'Conversion rose from 42% to 55%.'),
      errors: [
        {
          text: 'judgment',
          messageId: 'options',
          message: /No second option found for "judgment".*The answer needs: the problem, in one sentence; the options you weighed/,
        },
      ],
    },
    {
      name: 'judgment: "over" that is not a choice',
      questions: ['judgment'],
      story: 'I took over the project in March. Over three months I handed over the docs to the new team. Churn fell 2 points.',
      errors: [{ text: 'judgment', messageId: 'options' }],
    },
    // candor
    {
      name: 'candor: feedback mentioned but never said',
      questions: ['candor'],
      story: star('Sales had concerns about onboarding.', 'We took the feedback seriously and ran a workshop.', 'Completion rose from 48% to 61%.'),
      errors: [{ text: 'candor', messageId: 'feedback', message: /quote the words or report them/ }],
    },
    {
      name: 'candor: passive voice hides the words, CRLF',
      questions: ['candor'],
      story: 'It was felt that my updates were unclear.\r\n\r\nI changed the format of my weekly notes.\r\n\r\nReaders doubled.\r\n',
      errors: [{ text: 'candor', messageId: 'feedback' }],
    },
    // disagree-commit
    {
      name: 'disagree-commit: the decision is made, then nothing',
      questions: ['disagree-commit'],
      story: star('The VP wanted autoplay.', 'I disagreed and brought complaint data. The VP chose autoplay anyway.', 'It launched in May.'),
      errors: [{ text: 'disagree-commit', messageId: 'commitment', message: /backed the call once it was made/ }],
    },
    {
      name: 'disagree-commit: negated commitment',
      questions: ['disagree-commit'],
      story:
        'Finance wanted annual plans only. I argued for monthly plans. I never committed to the plan and kept raising it in reviews. Annual plans reached 40%.',
      errors: [{ text: 'disagree-commit', messageId: 'commitment' }],
    },
    {
      name: 'disagree-commit: "committed" only in the situation',
      questions: ['disagree-commit'],
      story: star('We had committed to a May date.', 'I argued for June and lost.', 'We shipped in May.'),
      errors: [{ text: 'disagree-commit', messageId: 'commitment' }],
    },
    // failure
    {
      name: 'failure: nothing failed',
      questions: ['failure'],
      story:
        "My biggest failure is that I'm passionate about quality. I tested every build myself on twelve devices. The feature launched on time and 2.3 million members used it.",
      errors: [{ text: 'failure', messageId: 'nothingFailed', message: /Nothing fails in this "failure" story/ }],
    },
    {
      name: 'failure: only negated failure words',
      questions: ['failure'],
      story: star('I led the payments launch.', 'I reviewed every release myself.', 'We launched on time with no outages and nothing went wrong.'),
      errors: [{ text: 'failure', messageId: 'nothingFailed' }],
    },
    {
      name: 'failure: the only failure is in the lesson',
      questions: ['failure'],
      story: star(
        'I led the payments launch.',
        'I reviewed every release myself.',
        'Adoption reached 31% in a month.',
        'I learned that mistakes are how teams grow.',
      ),
      errors: [{ text: 'failure', messageId: 'nothingFailed' }],
    },
    {
      name: 'failure: "we" instead of "I"',
      questions: ['failure'],
      story: star('Our team owned the client portal.', 'We missed the deadline by two weeks.', 'The client churned at renewal.', 'We now plan with buffers.'),
      errors: [{ text: 'failure', messageId: 'ownership', message: /with "I", not "we"/ }],
    },
    {
      name: 'failure: owned, but no impact',
      questions: ['failure'],
      story: 'I wrote the spec for search filters. I made a mistake in the spec. I fixed it the next morning. Now I ask an engineer to read every spec.',
      errors: [{ text: 'failure', messageId: 'impact', message: /say what it cost/ }],
    },
    // leadership
    {
      name: 'leadership: only my own team',
      questions: ['leadership'],
      story: star('Checkout was slow.', 'I told my team to profile the page.', 'Load time fell by a second.'),
      errors: [{ text: 'leadership', messageId: 'influenceWho', message: /did not report to you/ }],
    },
    {
      name: 'leadership: outside people named, but not how they moved',
      questions: ['leadership'],
      story: 'The legal team and the VP of sales had to agree on the new terms. Legal signed off in May. We launched the terms in June.',
      errors: [{ text: 'leadership', messageId: 'influenceHow', message: /how you earned their trust/ }],
    },
    // several questions, block list, duplicates
    {
      name: 'two failing questions, each at its own id',
      questions: ['judgment', 'candor'],
      story: 'I decided to ship the redesign. It went out in May. Sign-ups rose 4%.',
      errors: [
        { text: 'judgment', messageId: 'options' },
        { text: 'candor', messageId: 'feedback' },
      ],
    },
    {
      name: 'block-list frontmatter, the duplicate id reported once',
      story: '---\ntitle: T\nquestions:\n  - leadership\n  - leadership\n---\nI told my team to fix checkout. They fixed it in a week. Errors fell by half.\n',
      errors: [{ text: 'leadership', messageId: 'influenceWho' }],
    },
  ],
});
