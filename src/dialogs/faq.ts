/**
 * The FAQ dialog: answers a free-text question from the content, asks back when two or three topics
 * are close, and says honestly when it does not know (offering the menu and an agent). After an
 * answer it waits for a follow-up: the topic's action, related topics, or simply the next question.
 */
import { defineDialog, say, step, type Translate, type TurnContext } from '../engine/dialog.js';
import type { Digression } from '../engine/runner.js';
import { INTENT_CHOICE } from '../engine/intents.js';
import type { Choice, Locale, Outbound } from '../engine/types.js';
import type { FaqService } from '../content/faq/service.js';
import type { FaqTopic } from '../content/faq/schema.js';
import { noteFallback, resetFallbacks } from '../handoff/fallbacks.js';
import { handoffChoice } from '../handoff/gate.js';

declare module '../engine/dialog.js' {
  interface Services {
    /** FAQ search over the shipped content. */
    faq: FaqService;
  }
}

type FaqState = {
  /** Language of the last question, so follow-ups stay in it. */
  lang: Locale | null;
};

const TOPIC_CHOICE = 'topic:';
const NONE_CHOICE = 'faq:none';

/** Action labels per action dialog (a key in the faq namespace). */
const ACTION_LABEL: Record<string, string> = {
  claim: 'faq:action_claim',
  'claim-status': 'faq:action_claim_status',
  'bpu-registration': 'faq:action_bpu',
  events: 'faq:action_events',
  'jkp-check': 'faq:action_jkp',
};

/** The translator for the answer's language (the question's, which may differ from the session's). */
function translatorFor(ctx: TurnContext, lang: Locale): Translate {
  return lang === ctx.locale ? ctx.t : ctx.translate(lang);
}

/** The answer text with its source and review date. */
export function formatAnswer(topic: FaqTopic, lang: Locale, t: Translate): string {
  return `${topic.answer[lang].trim()}\n\n_${t('faq:source', { source: topic.source, reviewed: topic.reviewed })}_`;
}

/** Follow-up choices after an answer: the topic's action (when its dialog exists), related topics, menu. */
function followUps(
  ctx: TurnContext,
  topic: FaqTopic,
  lang: Locale,
  t: Translate,
  hasDialog: (id: string) => boolean,
) {
  const choices: Choice[] = [];
  if (topic.action === 'handoff') choices.push({ id: INTENT_CHOICE.agent, label: t('faq:action_agent') });
  else if (topic.action && hasDialog(topic.action)) {
    choices.push({
      id: `start:${topic.action}`,
      label: t(ACTION_LABEL[topic.action] ?? 'faq:action_generic'),
    });
  }
  for (const id of topic.related.slice(0, 3)) {
    const related = ctx.services.faq.topic(id);
    if (related) choices.push({ id: `${TOPIC_CHOICE}${id}`, label: related.title[lang] });
  }
  choices.push({ id: INTENT_CHOICE.menu, label: t('faq:menu') });
  return choices;
}

/** Creates the FAQ dialog; `hasDialog` tells which action dialogs are registered. */
export function createFaqDialog(hasDialog: (id: string) => boolean) {
  const answer = (ctx: TurnContext, state: FaqState, topic: FaqTopic, lang: Locale) => {
    const t = translatorFor(ctx, lang);
    resetFallbacks(ctx.memory);
    const next: FaqState = { lang };
    const reply: Outbound = say.choices(
      formatAnswer(topic, lang, t),
      followUps(ctx, topic, lang, t, hasDialog),
    );
    return step.wait(next, [reply]);
  };

  /** Says honestly that there is no answer; the second time in a row, a person takes over. */
  const fallback = (ctx: TurnContext, lang: Locale, question: string | null) => {
    const t = translatorFor(ctx, lang);
    if (noteFallback(ctx.memory)) {
      return step.handoff<FaqState>('fallbacks', [say.text(t('faq:fallback_again'))], question ?? undefined);
    }
    const choices: Choice[] = [
      { id: INTENT_CHOICE.menu, label: t('faq:menu') },
      { id: handoffChoice('fallbacks'), label: t('faq:action_agent') },
    ];
    return step.wait<FaqState>({ lang }, [say.choices(t('faq:fallback'), choices)]);
  };

  const ask = (ctx: TurnContext, state: FaqState, question: string) => {
    const result = ctx.services.faq.ask(question, state.lang ?? ctx.locale);
    const lang = result.locale;
    const best = result.candidates[0] && ctx.services.faq.topic(result.candidates[0].id);
    if (result.decision === 'answer' && best) {
      ctx.services.faqStats.record('answer', ctx.now);
      return answer(ctx, state, best, lang);
    }
    if (result.decision === 'clarify') {
      ctx.services.faqStats.record('clarify', ctx.now);
      const t = translatorFor(ctx, lang);
      const choices: Choice[] = result.candidates.flatMap((candidate) => {
        const topic = ctx.services.faq.topic(candidate.id);
        return topic ? [{ id: `${TOPIC_CHOICE}${topic.id}`, label: topic.title[lang] }] : [];
      });
      choices.push({ id: NONE_CHOICE, label: t('faq:none_of_these') });
      return step.wait({ ...state, lang }, [say.choices(t('faq:clarify'), choices)]);
    }
    // The dashboard's "unanswered questions": normalised, numbers masked (src/stats/faq.ts).
    ctx.services.faqStats.record('fallback', ctx.now, question);
    return fallback(ctx, lang, question);
  };

  return defineDialog<FaqState>({
    id: 'faq',
    version: 1,
    titleKey: 'faq:title',
    firstStep: 'question',
    start: () => ({ lang: null }),
    steps: {
      question: {
        prompt: (ctx) => [say.text(ctx.t('faq:ask'))],
        receive(ctx, state, input) {
          if (input.kind === 'text') return ask(ctx, state, input.text);
          if (input.kind === 'choice' && input.choiceId.startsWith(TOPIC_CHOICE)) {
            const topic = ctx.services.faq.topic(input.choiceId.slice(TOPIC_CHOICE.length));
            if (topic) return answer(ctx, state, topic, state.lang ?? ctx.locale);
          }
          if (input.kind === 'choice' && input.choiceId === NONE_CHOICE)
            return fallback(ctx, state.lang ?? ctx.locale, null);
          if (input.kind === 'choice' && input.choiceId.startsWith('start:')) {
            const dialog = input.choiceId.slice('start:'.length);
            if (hasDialog(dialog)) return step.replace(dialog);
          }
          if (input.kind === 'location' && hasDialog('events')) return step.forward('events');
          return step.retry(ctx.t('faq:type_question'));
        },
      },
    },
  });
}

/** Answers a question asked in the middle of a form when the FAQ is confident; otherwise null. */
export const faqDigression: Digression = async (ctx, text) => {
  const result = ctx.services.faq.ask(text, ctx.locale);
  const best = result.decision === 'answer' ? result.candidates[0] : undefined;
  const topic = best && ctx.services.faq.topic(best.id);
  if (!topic) return null;
  const lang = result.locale;
  return [say.text(formatAnswer(topic, lang, translatorFor(ctx, lang)))];
};
