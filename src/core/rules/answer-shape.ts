import { z } from 'zod';
import type { QuestionType, ShapeCheck } from '../profiles';
import type { ParsedStory } from '../story/parse';
import type { Sentence } from '../types';
import { anyHasPhrase, hasPhrase, matchPhrases } from './prose/wordPhrases';
import { defineRule } from './rule';
import { anyOf, COUNT_NOUNS, NEGATIONS, NEGATIVE_QUANTIFIERS, NUMBER_WORDS } from '../language/lexicon';

// All patterns run over a sentence's lowercased words joined by single spaces (prose/wordPhrases):
// punctuation is gone, apostrophes are straight, and a phrase broken by a line break or markup still matches.

/** Words that negate what follows within a word or two: "never missed", "didn't fail", "no outage". */
const NEGATED = String.raw`(?<!(?:\b${anyOf([...NEGATIONS, 'without', ...NEGATIVE_QUANTIFIERS])}|n't) (?:\S+ )?)`;

const OPTIONS = new RegExp(
  String.raw`\b(?:options?|alternatives?|instead|rather than|versus|vs|trade-?offs?|two paths|two ways|plan [ab]|weighed|on the other hand|` +
    String.raw`the (?:obvious|safe|easy|cheap|default) (?:move|choice|option|answer|path|fix|call)|` +
    String.raw`either\b(?: \S+){1,12} or|whether to\b(?: \S+){1,10} or|` +
    String.raw`(?:could|should|can|might) (?:either )?\S+(?: \S+){0,6} or \S+|could have|could've|` +
    String.raw`(?:chose|choose|choosing|picked|pick|prioriti[sz]ed|favou?red|went with|opted for|bet on)\b(?: \S+){1,10} over)\b`,
);

/** Reported speech: somebody's words, reported. Quotations are found on the sentences' parsed text instead. */
const REPORTED_SPEECH = new RegExp(
  String.raw`\b(?:told (?:me|him|her|them|us|the \S+|my \S+)|(?:she|he|they|i|we|\S+) (?:said|wrote|asked|admitted|warned|pointed out)|` +
    String.raw`said (?:that|to me)|(?:feedback|criticism|comment|message|point|verdict|review) was|in (?:her|his|their|my) words|` +
    String.raw`(?:her|his|their|the) (?:exact )?words were|word for word)\b`,
);

/** A quotation of at least three words: straight or curly double quotes, curly single quotes, or guillemets. */
const QUOTATION = /"\s*\S+\s+\S+\s+[^"\n]*?\S\s*"|“[^”\n]*?\S+\s+\S+\s+\S[^”\n]*?”|‘[^’\n]*?\S+\s+\S+\s+\S[^’\n]*?’|«[^»\n]*?\S+\s+\S+\s+\S[^»\n]*?»/;

const COMMITMENT = new RegExp(
  NEGATED +
    String.raw`\b(?:committed|commit (?:fully|to (?:it|the \S+))|disagree and commit|` +
    String.raw`(?:backed|supported|championed|defended) (?:the|her|his|their|that|our|this) (?:\S+ )?(?:decision|call|plan|choice|direction|approach)|` +
    String.raw`got (?:fully )?behind|threw myself into|all in on|(?:fully |was )?on board|` +
    String.raw`(?:helped|help) (?:to )?(?:ship|execute|roll|launch|implement|deliver|build|carry)|` +
    String.raw`(?:led|ran|owned|drove|coordinated) the (?:rollout|launch|execution|implementation|migration)|` +
    String.raw`once (?:we|they|she|he|it|the \S+)(?: \S+)? (?:had )?(?:decided|made the call|chose|was decided|went with)|` +
    String.raw`after the (?:decision|call) (?:was made )?i|` +
    String.raw`made (?:it|the (?:\S+ )?(?:decision|call|plan)|(?:her|his|their|the \S+'s) (?:\S+ )?(?:call|decision|plan)) (?:work|succeed))\b`,
);

/** Something went wrong, and not in a negated phrase. "failure" itself is not evidence: "my biggest failure is caring too much". */
const FAILURE = new RegExp(
  NEGATED +
    String.raw`\b(?:missed|miss|failed|fails|mistakes?|wrong|errors?|broke|broken|lost|lose|slipped|slip|` +
    String.raw`(?<!(?:stayed|worked|working|work|up) )late|delayed|delays?|churn(?:ed)?|outages?|incidents?|crash(?:ed|es)?|regressions?|` +
    String.raw`complaints?|complained|cancell?ed|cancell?ations?|backlash|rollback|rolled back|misjudged|misread|misjudgment|` +
    String.raw`underestimated|overestimated|overlooked|forgot|blew|blunder|backfired|fell short|fell apart|` +
    String.raw`angry|escalat\S*|refunds?|damaged?|hurt|over budget|downtime|postmortem|post-mortem|apologi[sz]ed|` +
    String.raw`double-charged|overcharged|flopped|went badly|dropped the ball)\b`,
);

/** The mistake owned in the first person singular. */
const OWNERSHIP = new RegExp(
  String.raw`\b(?:i (?:\S+ )?(?:missed|failed|forgot|misjudged|misread|underestimated|overestimated|overlooked|ignored|skipped|assumed|` +
    String.raw`rushed|broke|blew|didn't|did not|never|got (?:it|this|that) wrong|was wrong|had been wrong|should have|should've|` +
    String.raw`made (?:a|the|an|that) (?:\S+ )?(?:mistake|error|bad call|wrong call)|dropped the ball|let (?:\S+ ){1,2}down)|` +
    String.raw`my (?:\S+ )?(?:mistake|fault|error|miss|blind spot|misjudgment|bad)|` +
    String.raw`i own(?:ed)? (?:it|the|that|this|my)|(?:that|this|it|the \S+) was (?:on me|my (?:\S+ )?(?:mistake|call|fault|error)))\b`,
);

/** What the mistake cost. */
const IMPACT = new RegExp(
  String.raw`\b(?:cost|costs|lost|losses|delay\S*|slipped|churn\S*|refund\S*|complain\S*|complaints?|cancell?\S*|outages?|downtime|` +
    String.raw`revenue|backlog|queue|escalat\S*|angry|frustrat\S*|affected|impact\S*|hit|dropped|fell|declined|wasted|` +
    String.raw`double-charged|overcharged|penalt\S*|fined|over budget|(?:weeks|days|months|hours) late|missed (?:the|our) (?:\S+ )?(?:date|deadline|target|launch|quarter))\b`,
);

const NUMBER = new RegExp(String.raw`\d|\b${anyOf([...[...NUMBER_WORDS].filter((word) => word !== 'one'), ...COUNT_NOUNS, 'half', 'a third', 'a quarter'])}\b`);

/** People or functions the candidate does not manage. */
const OUTSIDE_AUTHORITY = new RegExp(
  String.raw`\b(?:engineering|engineers?|design|designers?|legal|lawyers?|finance|sales|marketing|support|operations|ops|procurement|security|` +
    String.raw`compliance|data science|data scientists?|research|researchers?|analysts?|partners?|vendors?|another team|other teams|` +
    String.raw`(?:partner|platform|payments|infra|infrastructure|localization|growth|brand|product|ml|data|qa|ux) teams?|` +
    String.raw`(?:didn't|did not|never|none of them|nobody|no one|not) report(?:ed)? to me|no (?:formal |direct )?authority|` +
    String.raw`vps?|svp|directors?|cto|ceo|cfo|coo|head of \S+|executives?|leadership|stakeholders?|peers?|tech lead|(?:design|engineering|sales|support) leads?)\b`,
);

/** How they were moved. */
const INFLUENCE = new RegExp(
  String.raw`\b(?:convinc\S*|persuad\S*|aligned|align (?:them|the|everyone)|buy-in|won (?:them|her|him|(?:\S+ ){0,3}over)|` +
    String.raw`brought (?:them|her|him|everyone|the \S+) (?:in|along|on board|around)|on board|earn(?:ed|ing)? (?:\S+ ){0,2}trust|` +
    String.raw`built (?:\S+ )?trust|gained (?:\S+ ){0,2}trust|pitched|proposal|made the case|showed (?:them|her|him|the \S+)|walked (?:them|her|him|the \S+) through|` +
    String.raw`shadow\S*|listen(?:ed|ing) to|credited|(?:gave|giving) (?:them|her|him|each team) (?:the )?credit|co-?wrote|` +
    String.raw`rallied|negotiat\S*|traded|offered|invited|asked (?:them|her|him|the \S+(?: \S+)?) (?:to|for)|got (?:them|her|him|the \S+) to)\b`,
);

type Finding = { messageId: string };

/** Each shape check: which sentences it reads, and the message of the first thing missing (undefined = passes). */
const CHECKS: Record<ShapeCheck, (story: ParsedStory, outsideLesson: Sentence[]) => Finding | undefined> = {
  options: (story) => (anyHasPhrase(story.sentences, OPTIONS) ? undefined : { messageId: 'options' }),
  feedback: (story) =>
    anyHasPhrase(story.sentences, REPORTED_SPEECH) || QUOTATION.test(story.sentences.map((sentence) => sentence.text).join(' '))
      ? undefined
      : { messageId: 'feedback' },
  commitment: (story) => {
    const afterSetup = story.sentences.filter((sentence) => sentence.section !== 'context' && sentence.section !== 'task');
    return anyHasPhrase(afterSetup, COMMITMENT) ? undefined : { messageId: 'commitment' };
  },
  ownership: (_story, outsideLesson) => {
    if (!outsideLesson.some((sentence) => matchPhrases(sentence, FAILURE).length > 0)) return { messageId: 'nothingFailed' };
    if (!anyHasPhrase(outsideLesson, OWNERSHIP)) return { messageId: 'ownership' };
    const impact = outsideLesson.some((sentence) => hasPhrase(sentence, IMPACT) || (hasPhrase(sentence, NUMBER) && hasPhrase(sentence, FAILURE)));
    return impact ? undefined : { messageId: 'impact' };
  },
  influence: (story) => {
    if (!anyHasPhrase(story.sentences, OUTSIDE_AUTHORITY)) return { messageId: 'influenceWho' };
    return anyHasPhrase(story.sentences, INFLUENCE) ? undefined : { messageId: 'influenceHow' };
  },
};

function shapeText(type: QuestionType): string {
  return type.answerShape.map((part) => part.charAt(0).toLowerCase() + part.slice(1)).join('; ');
}

export const answerShape = defineRule({
  id: 'answer-shape',
  meta: {
    description:
      'For each question type the story claims, the prose has the shape that answer needs (options, the feedback itself, commitment, an owned mistake, influence).',
    defaultSeverity: 'warning',
    messages: {
      options:
        'No second option found for "{question}" ({title}); name what you weighed and what you gave up, for example: "We could launch to everyone or cap payouts at $200; I chose the cap over a delay." The answer needs: {shape}.',
      feedback:
        'No actual feedback found for "{question}" ({title}); quote the words or report them, for example: \'Priya told me: "Your roadmap is a wish list."\' The answer needs: {shape}.',
      commitment:
        'No commitment after the decision found for "{question}" ({title}); say how you backed the call once it was made, for example: "Once the VP chose sound on, I committed and wrote the rollout checklist." The answer needs: {shape}.',
      nothingFailed:
        'Nothing fails in this "{question}" story ({title}): no mistake, miss or loss is described. Tell one where a call of yours went wrong, for example: "I skipped the dry run, and 300 customers were double-charged." The answer needs: {shape}.',
      ownership:
        'No mistake owned in the first person found for "{question}" ({title}); say what you got wrong with "I", not "we" or "it", for example: "I did not check the staffing plan. That was my mistake." The answer needs: {shape}.',
      impact:
        'No impact of the mistake found for "{question}" ({title}); say what it cost, in numbers if you can, for example: "The queue tripled and 1,200 members cancelled that week." The answer needs: {shape}.',
      influenceWho:
        'No one outside your authority found for "{question}" ({title}); name the people or teams who did not report to you, for example: "The payments team and two support leads, none of whom reported to me." The answer needs: {shape}.',
      influenceHow:
        'No account of how you moved them found for "{question}" ({title}); say how you earned their trust or won them over, for example: "I spent two afternoons listening to their calls, then pitched the smallest fix." The answer needs: {shape}.',
    },
    options: z.object({}),
    examples: {
      bad: 'questions: [failure]\n\nMy biggest failure is that I care too much about quality. The launch was flawless.',
      good: 'questions: [failure]\n\nI skipped the dry run. That was my mistake: 300 customers were double-charged. I now run one before every migration.',
    },
  },
  check({ story, profile, report }) {
    if (story.skippedAnalysis || story.sentences.length === 0) return;
    const outsideLesson = story.sentences.filter((sentence) => sentence.section !== 'lesson');
    const seen = new Set<string>();
    for (const question of story.questions) {
      if (seen.has(question.id)) continue;
      seen.add(question.id);
      const type = profile.questions.find((candidate) => candidate.id === question.id);
      if (!type?.shapeCheck) continue;
      const failure = CHECKS[type.shapeCheck](story, outsideLesson);
      if (!failure) continue;
      report({ messageId: failure.messageId, data: { question: type.id, title: type.title, shape: shapeText(type) }, span: question.span, question: type.id });
    }
  },
});
