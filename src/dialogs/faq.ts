/**
 * The FAQ dialog: answers a free-text question from the content, asks back when two or three topics
 * are close, and says honestly when it does not know (offering the menu and an agent). After an
 * answer it waits for a follow-up: the topic's action, related topics, or simply the next question.
 */
import { defineDialog, say, step, type Translate, type TurnContext } from '../engine/dialog.js';
import type { Digression } from '../engine/runner.js';
import { INTENT_CHOICE } from '../engine/intents.js';
import { conversationKey, type Choice, type Locale, type Outbound } from '../engine/types.js';
import type { FaqService } from '../content/faq/service.js';
import type { FaqTopic } from '../content/faq/schema.js';
import { handoffChoice } from '../handoff/gate.js';
import { markMisunderstood, markUnderstood, wasMisunderstood } from '../nlu/misunderstanding.js';
import type { Interpretation } from '../nlu/index.js';
import { serviceStart } from './router.js';

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
/** A topic is offered after a fallback when it holds at least this share of the FAQ reading. */
const CLOSEST_MIN_SHARE = 0.15;

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
      // The answer ends with "Mau mulai …?": a typed "iya boleh" takes it.
      means: 'yes',
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
    markUnderstood(ctx.memory);
    const next: FaqState = { lang };
    const reply: Outbound = say.choices(
      formatAnswer(topic, lang, t),
      followUps(ctx, topic, lang, t, hasDialog),
    );
    return step.wait(next, [reply]);
  };

  /**
   * Says honestly that it did not understand, with the closest topics, a tip on rephrasing, the
   * menu and a person. Never queues the user for an agent on its own: they choose.
   */
  const fallback = (ctx: TurnContext, lang: Locale, reading?: Interpretation) => {
    const t = translatorFor(ctx, lang);
    const again = wasMisunderstood(ctx.memory);
    markMisunderstood(ctx.memory);
    const closest = (reading?.topics ?? [])
      .filter((candidate) => candidate.score >= CLOSEST_MIN_SHARE)
      .slice(0, 2)
      .flatMap((candidate) => {
        const topic = ctx.services.faq.topic(candidate.topic);
        return topic ? [{ id: `${TOPIC_CHOICE}${topic.id}`, label: topic.title[lang] }] : [];
      });
    const choices: Choice[] = [
      ...closest,
      { id: INTENT_CHOICE.menu, label: t('faq:menu') },
      { id: handoffChoice('fallbacks'), label: t('faq:action_agent') },
    ];
    return step.wait<FaqState>({ lang }, [
      say.choices(t(again ? 'faq:fallback_again' : 'faq:fallback'), choices),
    ]);
  };

  const ask = (ctx: TurnContext, state: FaqState, question: string) => {
    const reading = ctx.interpretation;
    const result = reading
      ? ctx.services.faq.decide(reading)
      : ctx.services.faq.ask(question, state.lang ?? ctx.locale);
    const lang = result.locale;
    const started = reading && serviceStart(question, reading, { has: hasDialog });
    if (started)
      return started.forward
        ? step.forward<FaqState>(started.dialog)
        : step.replace<FaqState>(started.dialog);
    if (reading && reading.intent === 'deny' && reading.confidence >= 0.6) {
      markUnderstood(ctx.memory);
      return step.wait<FaqState>({ lang }, [say.text(translatorFor(ctx, lang)('faq:offer_declined'))]);
    }
    const best = result.candidates[0] && ctx.services.faq.topic(result.candidates[0].id);
    if (result.decision === 'answer' && best) {
      ctx.services.faqStats.record('answer', ctx.now);
      return answer(ctx, state, best, lang);
    }
    if (result.decision === 'clarify') {
      ctx.services.faqStats.record('clarify', ctx.now);
      markUnderstood(ctx.memory);
      const t = translatorFor(ctx, lang);
      const choices: Choice[] = result.candidates.flatMap((candidate) => {
        const topic = ctx.services.faq.topic(candidate.id);
        return topic ? [{ id: `${TOPIC_CHOICE}${topic.id}`, label: topic.title[lang] }] : [];
      });
      choices.push({ id: NONE_CHOICE, label: t('faq:none_of_these') });
      return step.wait({ ...state, lang }, [say.choices(t('faq:clarify'), choices)]);
    }
    // The dashboard's "unanswered questions": normalised, numbers masked (src/stats/faq.ts).
    ctx.services.faqStats.record('fallback', ctx.now, question, conversationKey(ctx.address));
    return fallback(ctx, lang, reading);
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
            return fallback(ctx, state.lang ?? ctx.locale);
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

/**
 * Answers a question asked in the middle of a form: the topic when the FAQ is sure; when two or
 * three are close, the best one with the others named (a form's question cannot wait on a choice
 * list); null when the FAQ has nothing.
 */
export const faqDigression: Digression = async (ctx, text) => {
  const result = ctx.interpretation
    ? ctx.services.faq.decide(ctx.interpretation)
    : ctx.services.faq.ask(text, ctx.locale, { kind: 'form_step' });
  if (result.decision === 'fallback') return null;
  const [best, ...others] = result.candidates.flatMap((candidate) => {
    const topic = ctx.services.faq.topic(candidate.id);
    return topic ? [topic] : [];
  });
  if (!best) return null;
  const lang = result.locale;
  const t = translatorFor(ctx, lang);
  const replies = [say.text(formatAnswer(best, lang, t))];
  if (result.decision === 'clarify' && others.length) {
    const titles = others.map((topic) => `*${topic.title[lang]}*`).join(', ');
    replies.push(say.text(t('faq:also_maybe', { titles })));
  }
  return replies;
};
