import { z } from 'zod';
import { findClaimHedges } from './prose/hedges';
import { matchPhrases, spansAgree } from './prose/wordPhrases';
import { defineRule } from './rule';
import { normalizeWord } from '../language/lexicon';
import type { Span } from '../types';

interface Slogan {
  pattern: RegExp;
  advice: string;
}

/** Matched against a sentence's lowercased words joined by single spaces (see prose/wordPhrases). */
const SLOGANS: readonly Slogan[] = [
  {
    pattern: /\b(?:(?:very|always|really) )?(?:open|receptive) to (?:feedback|criticism|input)\b/g,
    advice: 'Instead of claiming you are open to feedback, quote the feedback and say what you changed because of it.',
  },
  {
    pattern: /\b(?:(?:used|use|using|uses) (?:the )?data to (?:decide|make|drive|inform|guide)|data-driven|data driven|data-informed|let the data decide)\b/g,
    advice: 'Instead of saying you used data, name the number you looked at and the decision it changed.',
  },
  {
    pattern: /\bteam players?\b/g,
    advice: 'Instead of calling yourself a team player, describe one thing you did for the team and what it made possible.',
  },
  {
    pattern: /\b(?:passionate (?:about|for)|(?:my|a|real) passion for)\b/g,
    advice: 'Instead of saying you are passionate, show something you did that nobody asked you to do.',
  },
  {
    pattern: /\b(?:hard workers?|hard-working|hardworking)\b/g,
    advice: 'Instead of calling yourself a hard worker, say what the extra effort was and what it produced.',
  },
  {
    pattern: /\b(?:think|thinking|thought|thinks) outside (?:of )?the box\b|\bout-of-the-box thinking\b/g,
    advice: 'Instead of saying you thought outside the box, name the unusual option and why the usual one fell short.',
  },
  {
    pattern: /\b(?:go|goes|going|went|gone) above and beyond\b/g,
    advice: 'Instead of saying you went above and beyond, say what you did beyond your role and what it produced.',
  },
  {
    pattern: /\b(?:synergy|synergies|synergize|synergise|synergistic)\b/g,
    advice: 'Instead of "synergy", name the two teams and what each of them gained.',
  },
  {
    pattern: /\b(?:a )?people person\b/g,
    advice: 'Instead of calling yourself a people person, describe one relationship you built and what it unlocked.',
  },
  {
    pattern: /\b(?:detail-oriented|detail oriented|attention to detail)\b/g,
    advice: 'Instead of claiming attention to detail, name the detail you caught and what it prevented.',
  },
  {
    pattern: /\b(?:results?-oriented|results?-driven|results? oriented|results? driven)\b/g,
    advice: 'Instead of calling yourself results-oriented, state the result: a number, a before/after or a date met.',
  },
  {
    pattern: /\b(?:customer-obsessed|customer obsessed|customer-centric|customer centric)\b/g,
    advice: 'Instead of claiming customer focus, quote what a customer said or did and what you changed because of it.',
  },
  {
    pattern: /\bself-starter\b|\bself starter\b/g,
    advice: 'Instead of calling yourself a self-starter, say what you started without being asked.',
  },
  {
    pattern: /\bhigh standards?\b/g,
    advice: 'Instead of claiming high standards, name the bar you set and what fell short of it.',
  },
  {
    pattern: /\bperfectionists?\b/g,
    advice: 'Instead of calling yourself a perfectionist, say which tradeoff you made between quality and time.',
  },
  {
    pattern: /\blead(?:s|ing)? by example\b|\bled by example\b/g,
    advice: 'Instead of saying you led by example, say what you did first and who followed.',
  },
  {
    pattern: /\bmoved? the needle\b/g,
    advice: 'Instead of saying you moved the needle, give the number that moved, from what to what.',
  },
  {
    pattern: /\bwin-win\b|\bwin win\b/g,
    advice: 'Instead of "win-win", say what each side got.',
  },
];

export const slogans = defineRule({
  id: 'slogans',
  meta: {
    description: 'Flags phrases that claim a quality instead of showing it, and hedges that weaken what you did or what happened.',
    defaultSeverity: 'info',
    messages: {
      slogan: '"{phrase}" is a claim, not evidence. {advice}',
      hedge:
        'The hedge "{phrase}" weakens what you are telling the interviewer you did or achieved. State it plainly, or say exactly what you are unsure of, for example: "conversion rose about 3 points in two of the four markets".',
    },
    options: z.object({
      /** Also report claim-weakening hedges ("maybe", "kind of", "I think") in the action and result. */
      hedges: z.boolean().default(true),
      /** Extra phrases (lowercase words separated by spaces) to report as slogans. */
      extra: z.array(z.string().min(2)).default([]),
      /** Built-in slogans to accept, by the phrase as written in the story (case-insensitive). */
      allow: z.array(z.string()).default([]),
    }),
    examples: {
      bad: "I'm very open to feedback and always use data to decide.",
      good: 'Priya told me "your roadmap is a wish list", so I cut it to three commitments a quarter.',
    },
  },
  check({ story, options, report, sentencesIn }) {
    const allowed = new Set(options.allow.map((phrase) => normalize(phrase)));
    const extra = options.extra.map((phrase) => ({
      pattern: new RegExp(`\\b${escape(normalize(phrase))}\\b`, 'g'),
      advice: 'Replace the claim with what you did and what it changed.',
    }));
    const reported: Span[] = [];
    for (const sentence of story.sentences) {
      if (!spansAgree(sentence, story.text)) continue;
      for (const slogan of extra.length ? [...SLOGANS, ...extra] : SLOGANS) {
        for (const match of matchPhrases(sentence, slogan.pattern)) {
          const phrase = story.text.slice(match.span.start, match.span.end);
          if (allowed.has(normalize(phrase)) || overlaps(reported, match.span)) continue;
          reported.push(match.span);
          report({ messageId: 'slogan', data: { phrase: phrase.replace(/\s+/g, ' '), advice: slogan.advice }, span: match.span });
        }
      }
    }
    if (!options.hedges) return;
    for (const hedge of findClaimHedges(
      sentencesIn('action', 'result').filter((sentence) => spansAgree(sentence, story.text)),
      story.text,
    )) {
      if (overlaps(reported, hedge.span) || allowed.has(normalize(hedge.phrase))) continue;
      report({ messageId: 'hedge', data: { phrase: hedge.phrase.replace(/\s+/g, ' ') }, span: hedge.span });
    }
  },
});

function normalize(phrase: string): string {
  return normalizeWord(phrase).replace(/\s+/g, ' ').trim();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function overlaps(spans: readonly Span[], span: Span): boolean {
  return spans.some((other) => other.start < span.end && span.start < other.end);
}
