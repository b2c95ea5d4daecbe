/**
 * Pure dialog-stack stepping: given a session, one input and the turn's dependencies, it updates the
 * session in place and returns what to say. No I/O of its own: storage, locking and delivery belong
 * to the engine; side effects of dialogs go through injected services.
 */
import type { Dialog, Services, StepResult, Translate, TurnContext } from './dialog.js';
import type { DialogRegistry } from './dialog.js';
import { detectIntent, intentOfInterpretation, INTENT_CHOICE, type GlobalIntent } from './intents.js';
import { resolveTypedChoice } from './choice-match.js';
import type { Interpretation, NluContext } from '../nlu/index.js';
import { markUnderstood, wasMisunderstood } from '../nlu/misunderstanding.js';
import { readsAsQuestion, startsAsQuestion, wordCount } from '../nlu/question.js';
import { SERVICE_INTENTS } from '../nlu/labels.js';
import { newSession, type Frame, type HandoffReason, type Session } from './session.js';
import { conversationKey } from './types.js';
import type { Address, Choice, Inbound, Json, JsonObject, Locale, Outbound } from './types.js';
import type { GateDecision, GateTurn, HandoffGate } from './handoff-gate.js';
import { fold } from '../nlu/text.js';

/** Decides what an input means when no dialog is running. */
export interface RouteDecision {
  dialog: string;
  args?: JsonObject;
  /** Hand the input itself to the dialog's first step instead of prompting it. */
  forward?: boolean;
  /** A service the user asked for (not a fallback): typed in a form, it may leave the form for it. */
  service?: boolean;
}

/** Answers a question asked in the middle of a form, or returns null when it is no such question. */
export type Digression = (ctx: TurnContext, text: string) => Promise<Outbound[] | null>;

/** What the runner needs besides the session and the input. */
export interface RunnerDeps {
  dialogs: DialogRegistry;
  /** Where input goes when the stack is empty. */
  route(input: Inbound, ctx: TurnContext): RouteDecision;
  /** The dialog "menu" opens. */
  menuDialog: string;
  /** The dialog "bahasa" opens. */
  languageDialog: string;
  translate(locale: Locale): Translate;
  services: Services;
  digression?: Digression;
  /** Invalid answers in a row before the bot offers the menu or an agent (default 3). */
  attemptLimit?: number;
  /** Human handoff; without it a request for an agent is only recorded on the session. */
  handoff?: HandoffGate;
  /** The dialog "hapus data saya" opens (default `privacy`); without it the phrase is ordinary input. */
  privacyDialog?: string;
}

/** Intents a yes/no step judges itself: at "delete everything?", "never mind" means no, not "cancel the form". */
const YES_NO_ANSWERS = new Set(['affirm', 'deny', 'cancel', 'back']);
/** The least confidence for small talk (a greeting) to interrupt what the bot asked. */
const SMALL_TALK_MIN = 0.6;
/** The reply to each kind of small talk. */
const SMALL_TALK_REPLY: Partial<Record<string, string>> = {
  greet: 'engine:greeting',
  thanks: 'engine:thanks',
  bye: 'engine:bye',
};
/** At a free-text form step, a thank-you or goodbye must be this clear to be taken as one. */
const CLEAR_SMALL_TALK = 0.85;

const MAX_TRANSITIONS = 40;

/** Requests to start a service: inside a form, asked as a question, the FAQ answers them. */
const SERVICE_REQUESTS: ReadonlySet<string> = new Set(SERVICE_INTENTS);

/** A request for another service typed in a form must be this clear to leave the form for it. */
const SERVICE_SWITCH_MIN = 0.8;

/**
 * Steps that take any words (a name, an occupation; a step that declares nothing is read the same
 * way): where a question is most easily taken for an answer.
 */
const FREE_TEXT = new Set(['name', 'free_text']);

/**
 * Whether text typed at a form step is a question to answer before asking the step again, rather
 * than the answer: "klo telat bayar iuran gmn ya" is not a name. Short answers often look like FAQ
 * words ("resign", "2,5 juta"), so only a message that reads as a question digresses before the
 * step has seen it; a step that rejects an answer gets a second look afterwards (`retry`).
 */
function isDigression(interpretation: Interpretation, text: string, expects: string | undefined): boolean {
  // "jht bisa dicairkan di cabang mana?" reads as a claim request, but asked in a form it is a question.
  if (SERVICE_REQUESTS.has(interpretation.intent) && readsAsQuestion(text))
    return interpretation.faqProbability >= 0.1;
  if (interpretation.intent !== 'faq') return false;
  if (startsAsQuestion(text)) return interpretation.faqProbability >= 0.4;
  if (expects !== undefined && !FREE_TEXT.has(expects)) return false;
  return interpretation.confidence >= 0.6 && (readsAsQuestion(text) || wordCount(text) >= 5);
}

/** A "try again" answer to the attempt-limit offer. */
function isRetry(input: Inbound): boolean {
  if (input.kind === 'choice') return input.choiceId === 'retry';
  return (
    input.kind === 'text' && ['coba lagi', 'ulang', 'ulangi', 'retry', 'try again'].includes(fold(input.text))
  );
}

/** One turn over one session. Create one per input; `run` mutates `session`. */
export class Turn {
  readonly #out: Outbound[] = [];
  #transitions = 0;
  #erased = false;
  #interpretation: Interpretation | undefined;

  constructor(
    private readonly session: Session,
    private readonly deps: RunnerDeps,
    private readonly address: Address,
    private readonly now: Date,
  ) {}

  /** True once a dialog returned `erase`: the session was emptied and should now be deleted. */
  get erased(): boolean {
    return this.#erased;
  }

  /** Processes one input and returns the replies. */
  async run(input: Inbound): Promise<Outbound[]> {
    const gate = this.deps.handoff;
    let context = this.#read(input);
    if (gate && (await this.#applyGate(await gate.intercept(this.#gateTurn(), input)))) return this.#out;
    if (await this.#repairStaleFrames()) return this.#out;
    // Repairing can drop a stale resume offer: then the text is read again in the new situation.
    if (this.#nluContext().kind !== context.kind) context = this.#read(input);
    const interpretation = this.#interpretation;
    const resolved = this.#resolveChoice(input);
    if (this.session.resumeOffer !== undefined && (await this.#answerResumeOffer(resolved))) return this.#out;

    const top = this.#top();
    const topStep = top ? this.#dialog(top).steps[top.step] : undefined;
    const ownWords = resolved.kind === 'text' && topStep?.ownsText?.(resolved.text) === true;
    const judgedByStep =
      ownWords ||
      (topStep?.expects === 'yes_no' &&
        interpretation !== undefined &&
        YES_NO_ANSWERS.has(interpretation.intent));
    const intent =
      detectIntent(resolved) ??
      (resolved.kind === 'text' && interpretation && !judgedByStep
        ? intentOfInterpretation(interpretation, context)
        : undefined);
    if (intent && (intent.type !== 'erase' || this.deps.dialogs.has(this.#privacyDialog()))) {
      markUnderstood(this.session.memory);
      await this.#handleIntent(intent);
      return this.#out;
    }
    if (resolved.kind === 'text' && interpretation && !ownWords && (await this.#smallTalk(interpretation)))
      return this.#out;
    if (!top) {
      const decision = this.deps.route(resolved, this.#ctx());
      await this.#start(decision.dialog, decision.args ?? {}, decision.forward ? resolved : undefined);
      return this.#out;
    }
    if (top.attempts >= this.#attemptLimit() && isRetry(resolved)) {
      top.attempts = 0;
      await this.#promptTop();
      return this.#out;
    }
    // Text typed in a form that is not one of the step's own words: a request for another service
    // leaves the form for it; a question is answered before the step is asked again.
    const formText = resolved.kind === 'text' && interpretation && !ownWords && this.#dialog(top).form;
    if (formText && (await this.#switchService(resolved, interpretation))) return this.#out;
    if (formText && isDigression(interpretation, resolved.text, topStep?.expects)) {
      // A question is never saved as an answer, even one the FAQ cannot answer.
      if (!(await this.#digress(resolved.text))) {
        this.#emit([{ kind: 'text', text: this.#t('engine:question_not_answered') }]);
        await this.#promptTop();
      }
      return this.#out;
    }
    const step = this.#dialog(top).steps[top.step];
    if (!step) throw new Error(`dialog ${top.dialog} has no step ${top.step}`);
    const result = await step.receive(this.#ctx(), top.state, resolved);
    await this.#apply(result, resolved);
    return this.#out;
  }

  /**
   * A clear request for another service typed in a form ("mau cek status klaim saya" while
   * registering): the form is kept (paused, offered back when it is chosen again) and the service
   * starts. Questions stay digressions; a request for the running form's own service is its answer.
   */
  async #switchService(input: Inbound & { kind: 'text' }, reading: Interpretation): Promise<boolean> {
    if (!SERVICE_REQUESTS.has(reading.intent) || reading.confidence < SERVICE_SWITCH_MIN) return false;
    if (readsAsQuestion(input.text)) return false;
    const top = this.#top();
    const decision = this.deps.route(input, this.#ctx());
    if (!top || !decision.service || decision.dialog === top.dialog) return false;
    const title = this.#t(this.#dialog(top).titleKey);
    this.#pauseStack();
    this.#emit([{ kind: 'text', text: this.#t('engine:form_paused', { title }) }]);
    await this.#start(decision.dialog, decision.args ?? {}, decision.forward ? input : undefined);
    return true;
  }

  #ctx(): TurnContext {
    return {
      locale: this.session.locale,
      t: this.deps.translate(this.session.locale),
      translate: this.deps.translate,
      now: this.now,
      address: this.address,
      memory: this.session.memory,
      services: this.deps.services,
      ...(this.#interpretation ? { interpretation: this.#interpretation } : {}),
    };
  }

  /** Reads a typed text in the current context (once per turn, as a rule); returns the context. */
  #read(input: Inbound): NluContext {
    const context = this.#nluContext();
    if (input.kind === 'text')
      this.#interpretation = this.deps.services.nlu.interpret(input.text, context, this.session.locale);
    return context;
  }

  /** What the bot last asked, as the language understanding's context. */
  #nluContext(): NluContext {
    if (this.session.resumeOffer !== undefined) return { kind: 'offer' };
    const top = this.#top();
    if (!top) return wasMisunderstood(this.session.memory) ? { kind: 'after_fallback' } : { kind: 'idle' };
    if (top.dialog === this.deps.languageDialog) return { kind: 'language_picker' };
    const dialog = this.deps.dialogs.get(top.dialog);
    const step = dialog?.steps[top.step];
    const yesNo = step?.expects === 'yes_no' || top.choices?.some((choice) => choice.means) === true;
    // In a form "ga jadi" may cancel the form; elsewhere an offer is all there is to decline.
    if (dialog?.form) {
      const expects = yesNo ? 'yes_no' : step?.expects;
      return expects ? { kind: 'form_step', expects } : { kind: 'form_step' };
    }
    if (yesNo) return { kind: 'offer' };
    if (top.attempts > 0 || wasMisunderstood(this.session.memory)) return { kind: 'after_fallback' };
    return { kind: 'idle' };
  }

  /**
   * Greetings, thanks, goodbyes and empty messages get a short friendly reply; inside a form the
   * form's question follows, so nothing already answered is lost. False for anything else.
   */
  async #smallTalk(interpretation: Interpretation, afterRejection = false): Promise<boolean> {
    const top = this.#top();
    const confident = interpretation.confidence >= SMALL_TALK_MIN;
    if (interpretation.empty && !confident) {
      this.#emit([{ kind: 'text', text: this.#t('engine:empty_message') }]);
      if (top && this.#dialog(top).form) await this.#promptTop();
      return true;
    }
    if (!confident) return false;
    const key = SMALL_TALK_REPLY[interpretation.intent];
    if (!key) return false;
    // In a form, "sudah 11 tahun" or "ok makasih, 30" may be the answer: thanks and goodbyes wait for
    // the step (see `retry`); only a greeting, which answers no form question, comes first.
    if (top && this.#dialog(top).form && interpretation.intent !== 'greet' && !afterRejection) {
      // A name or free-text step would keep "makasih kak" as the answer: there only a clear
      // thank-you or goodbye is taken as one; other steps judge the text first.
      const expects = this.#dialog(top).steps[top.step]?.expects;
      const freeText = expects === undefined || FREE_TEXT.has(expects);
      if (!freeText || interpretation.confidence < CLEAR_SMALL_TALK) return false;
    }
    if (!top || !this.#dialog(top).form) {
      if (interpretation.intent === 'greet') {
        this.session.stack = [];
        await this.#start(this.deps.menuDialog, {});
        return true;
      }
      this.session.stack = [];
      this.#emit([{ kind: 'text', text: this.#t(key) }]);
      return true;
    }
    this.#emit([{ kind: 'text', text: this.#t(key) }]);
    this.#emit([{ kind: 'text', text: this.#t('engine:back_to_form') }]);
    await this.#promptTop();
    return true;
  }

  #t(key: string, vars?: Record<string, unknown>): string {
    return this.deps.translate(this.session.locale)(key, vars);
  }

  #top(): Frame | undefined {
    return this.session.stack.at(-1);
  }

  #dialog(frame: Frame): Dialog {
    const dialog = this.deps.dialogs.get(frame.dialog);
    if (!dialog) throw new Error(`dialog ${frame.dialog} is not registered`);
    return dialog;
  }

  #attemptLimit(): number {
    return this.deps.attemptLimit ?? 3;
  }

  #emit(outbounds: readonly Outbound[] | undefined): void {
    if (outbounds) this.#out.push(...outbounds);
  }

  /**
   * A typed "2", "dua", label, near-miss or description ("buat saya sendiri") becomes the choice it
   * names, when the step offered choices; so does a natural yes or no to a choice that means it.
   */
  #resolveChoice(input: Inbound): Inbound {
    const top = this.#top();
    const offered = top?.choices;
    if (input.kind !== 'text' || !top || !offered?.length) return input;
    const inForm = this.deps.dialogs.get(top.dialog)?.form === true;
    const choice = resolveTypedChoice(input.text, offered, this.#interpretation, inForm);
    if (!choice) return input;
    const { text: _text, kind: _kind, ...base } = input;
    return { ...base, kind: 'choice', choiceId: choice.id, label: input.text };
  }

  /** Frames whose dialog changed version (or vanished) restart with an apology instead of crashing. */
  async #repairStaleFrames(): Promise<boolean> {
    const stack = this.session.stack;
    const staleAt = stack.findIndex((frame) => {
      const dialog = this.deps.dialogs.get(frame.dialog);
      return !dialog || dialog.version !== frame.version || !dialog.steps[frame.step];
    });
    if (
      this.session.paused?.some((frame) => this.deps.dialogs.get(frame.dialog)?.version !== frame.version)
    ) {
      delete this.session.paused;
      delete this.session.resumeOffer;
    }
    if (staleAt < 0) return false;
    const stale = stack[staleAt] as Frame;
    this.session.stack = stack.slice(0, staleAt);
    const dialog = this.deps.dialogs.get(stale.dialog);
    if (dialog) {
      this.#emit([
        { kind: 'text', text: this.#t('engine:dialog_updated', { title: this.#t(dialog.titleKey) }) },
      ]);
      await this.#start(dialog.id, {});
    } else {
      this.#emit([{ kind: 'text', text: this.#t('engine:dialog_gone') }]);
      await this.#start(this.deps.menuDialog, {});
    }
    return true;
  }

  async #handleIntent(intent: GlobalIntent): Promise<void> {
    switch (intent.type) {
      case 'menu':
        if (this.#top() && this.#dialog(this.#top() as Frame).form) this.#pauseStack();
        else this.session.stack = [];
        await this.#start(this.deps.menuDialog, {});
        return;
      case 'cancel':
        await this.#cancel();
        return;
      case 'back':
        await this.#back();
        return;
      case 'help':
        this.#emit([{ kind: 'text', text: this.#t('engine:help') }]);
        await this.#promptTopOrMenu();
        return;
      case 'agent': {
        const top = this.#top();
        // Choosing the agent from the attempt-limit way out is recorded as that reason.
        const reason = top && top.attempts >= this.#attemptLimit() ? 'attempt_limit' : 'user_request';
        await this.#requestHandoff(reason);
        return;
      }
      case 'erase':
        if (this.#top()?.dialog === this.#privacyDialog()) await this.#promptTop();
        else await this.#start(this.#privacyDialog(), {}, undefined, true);
        return;
      case 'language':
        if (!intent.to) {
          await this.#start(this.deps.languageDialog, {});
          return;
        }
        if (this.#top()?.dialog === this.deps.languageDialog) this.session.stack.pop();
        this.session.locale = intent.to;
        this.session.localeChosen = true;
        this.#emit([{ kind: 'text', text: this.#t('engine:language_set') }]);
        await this.#promptTopOrMenu();
        return;
    }
  }

  #gateTurn(): GateTurn {
    return {
      key: conversationKey(this.address),
      session: this.session,
      address: this.address,
      now: this.now,
      t: this.deps.translate(this.session.locale),
      translate: this.deps.translate,
      ...(this.#interpretation ? { interpretation: this.#interpretation } : {}),
    };
  }

  /** Carries out a handoff gate decision; false when the gate let the input through. */
  async #applyGate(decision: GateDecision): Promise<boolean> {
    switch (decision.action) {
      case 'pass':
        return false;
      case 'hold':
        this.#emit(decision.say);
        if (decision.park) this.#park();
        return true;
      case 'restart':
        this.#emit(decision.say);
        this.#park();
        await this.#start(decision.dialog ?? this.deps.menuDialog, decision.args ?? {});
        return true;
      case 'resume':
        this.#emit(decision.say);
        await this.#promptTopOrMenu();
        return true;
    }
  }

  /** Puts running dialogs aside while a person has the conversation: forms pause, others end. */
  #park(): void {
    if (this.session.stack.some((frame) => this.deps.dialogs.get(frame.dialog)?.form)) this.#pauseStack();
    else this.session.stack = [];
  }

  /** Asks for a person through the handoff gate, or only records the request when there is none. */
  async #requestHandoff(reason: HandoffReason, note?: string): Promise<void> {
    if (this.deps.handoff) {
      await this.#applyGate(await this.deps.handoff.request(this.#gateTurn(), reason, note));
      return;
    }
    this.session.handoffRequests = [
      ...(this.session.handoffRequests ?? []).slice(-9),
      { reason, at: this.now.toISOString() },
    ];
    this.#emit([{ kind: 'text', text: this.#t('engine:agent_requested') }]);
    if (this.#top()) await this.#promptTop();
  }

  async #cancel(): Promise<void> {
    const forms = this.session.stack.filter((frame) => this.#dialog(frame).form);
    const paused = this.session.paused ?? [];
    if (!forms.length && !paused.length) {
      this.session.stack = [];
      this.#emit([{ kind: 'text', text: this.#t('engine:nothing_to_cancel') }]);
      await this.#start(this.deps.menuDialog, {});
      return;
    }
    for (const frame of [...forms, ...paused.filter((frame) => this.#dialog(frame).form)]) {
      const dialog = this.#dialog(frame);
      const fields = (dialog.discarded?.(frame.state) ?? []).map((key) => this.#t(key));
      const title = this.#t(dialog.titleKey);
      this.#emit([
        {
          kind: 'text',
          text: fields.length
            ? this.#t('engine:cancelled_with_data', { title, fields: fields.join(', ') })
            : this.#t('engine:cancelled', { title }),
        },
      ]);
    }
    this.session.stack = [];
    delete this.session.paused;
    delete this.session.resumeOffer;
    await this.#start(this.deps.menuDialog, {});
  }

  async #back(): Promise<void> {
    const top = this.#top();
    if (!top) {
      await this.#start(this.deps.menuDialog, {});
      return;
    }
    const previous = top.history.pop();
    if (previous === undefined) {
      this.#emit([{ kind: 'text', text: this.#t('engine:no_previous_step') }]);
    } else {
      top.step = previous;
      top.attempts = 0;
    }
    await this.#promptTop();
  }

  async #promptTopOrMenu(): Promise<void> {
    if (this.#top()) await this.#promptTop();
    else await this.#start(this.deps.menuDialog, {});
  }

  /** Puts the running stack aside (a form in progress), to be offered back later. */
  #pauseStack(): void {
    if (this.session.stack.length) this.session.paused = this.session.stack;
    this.session.stack = [];
  }

  #offerResume(dialogId: string, textKey: string): void {
    const dialog = this.deps.dialogs.get(dialogId);
    if (!dialog) return;
    this.session.resumeOffer = dialogId;
    this.#emit([
      {
        kind: 'choices',
        text: this.#t(textKey, { title: this.#t(dialog.titleKey) }),
        choices: this.#resumeChoices(),
        awaiting: { dialog: dialogId, step: 'resume' },
      },
    ]);
  }

  #resumeChoices(): Choice[] {
    return [
      { id: 'resume:continue', label: this.#t('engine:resume_continue'), means: 'yes' },
      { id: 'resume:restart', label: this.#t('engine:resume_restart') },
      { id: INTENT_CHOICE.menu, label: this.#t('engine:choice_menu'), means: 'no' },
    ];
  }

  /** Handles the answer to "continue where you stopped?"; false when the input is about something else. */
  async #answerResumeOffer(input: Inbound): Promise<boolean> {
    const dialogId = this.session.resumeOffer as string;
    delete this.session.resumeOffer;
    const choiceId = input.kind === 'choice' ? input.choiceId : this.#resumeAnswer(input);
    if (choiceId === INTENT_CHOICE.menu) {
      await this.#start(this.deps.menuDialog, {});
      return true;
    }
    if (choiceId === 'resume:continue' && this.session.paused?.length) {
      this.session.stack = this.session.paused;
      delete this.session.paused;
      await this.#promptTop();
      return true;
    }
    if (choiceId === 'resume:restart') {
      delete this.session.paused;
      this.session.stack = [];
      await this.#start(dialogId, {}, undefined, true);
      return true;
    }
    return false;
  }

  #resumeAnswer(input: Inbound): string | undefined {
    if (input.kind !== 'text') return undefined;
    const folded = fold(input.text);
    if (['mulai baru', 'ulang', 'dari awal', 'start over'].includes(folded)) return 'resume:restart';
    return resolveTypedChoice(input.text, this.#resumeChoices(), this.#interpretation)?.id;
  }

  /** Starts a dialog on top of the stack; a paused form of the same dialog is offered back first. */
  async #start(dialogId: string, args: JsonObject, forward?: Inbound, fresh = false): Promise<void> {
    if (
      !fresh &&
      !forward &&
      this.session.paused?.[0]?.dialog === dialogId &&
      this.session.stack.length === 0
    ) {
      this.#offerResume(dialogId, 'engine:resume_offer');
      return;
    }
    const dialog = this.deps.dialogs.get(dialogId);
    if (!dialog) throw new Error(`dialog ${dialogId} is not registered`);
    if (dialog.form && this.session.paused?.[0]?.dialog === dialogId) delete this.session.paused;
    const frame: Frame = {
      dialog: dialog.id,
      version: dialog.version,
      step: dialog.firstStep,
      state: dialog.start(this.#ctx(), args),
      attempts: 0,
      history: [],
    };
    this.session.stack.push(frame);
    if (!forward) {
      await this.#promptTop();
      return;
    }
    const step = dialog.steps[frame.step];
    if (!step) throw new Error(`dialog ${dialog.id} has no step ${frame.step}`);
    await this.#apply(await step.receive(this.#ctx(), frame.state, forward), forward);
  }

  /** Says the current step's prompt, stamped with what it awaits, and remembers its choices. */
  async #promptTop(): Promise<void> {
    const top = this.#top();
    if (!top) return;
    const step = this.#dialog(top).steps[top.step];
    if (!step) throw new Error(`dialog ${top.dialog} has no step ${top.step}`);
    const prompt = await step.prompt(this.#ctx(), top.state);
    this.#emitAwaiting(top, prompt);
  }

  #emitAwaiting(frame: Frame, outbounds: readonly Outbound[]): void {
    const awaiting = { dialog: frame.dialog, step: frame.step };
    const stamped = outbounds.map((outbound) => ({ ...outbound, awaiting: outbound.awaiting ?? awaiting }));
    const choices = stamped.flatMap((outbound) => (outbound.kind === 'choices' ? outbound.choices : []));
    if (choices.length) frame.choices = choices;
    else delete frame.choices;
    this.#emit(stamped);
  }

  /**
   * After a step rejected a text: was it a question after all? A few words that merely share FAQ
   * vocabulary ("2-3 juta", "resign") are a wrong answer, to be asked again, not a question.
   */
  #mayDigressAfterRetry(text: string): boolean {
    const reading = this.#interpretation;
    if (!reading || reading.intent !== 'faq') return false;
    return readsAsQuestion(text) || wordCount(text) >= 4;
  }

  /** Offers a question asked in the middle of a form to the FAQ; other dialogs handle text themselves. */
  async #digress(text: string): Promise<boolean> {
    const top = this.#top();
    if (!this.deps.digression || !top || !this.#dialog(top).form) return false;
    const answer = await this.deps.digression(this.#ctx(), text);
    if (!answer) return false;
    this.#emit(answer);
    this.#emit([{ kind: 'text', text: this.#t('engine:back_to_form') }]);
    await this.#promptTop();
    return true;
  }

  async #apply(result: StepResult<JsonObject>, input: Inbound): Promise<void> {
    if (++this.#transitions > MAX_TRANSITIONS) throw new Error('dialog transition loop');
    const top = this.#top();
    if (!top) return;
    switch (result.type) {
      case 'next':
        top.history.push(top.step);
        top.step = result.step;
        top.state = result.state;
        top.attempts = 0;
        this.#emit(result.say);
        await this.#promptTop();
        return;
      case 'retry':
        if (result.state) top.state = result.state;
        if (
          input.kind === 'text' &&
          this.#mayDigressAfterRetry(input.text) &&
          (await this.#digress(input.text))
        )
          return;
        // The step did not take it, and it was a thank-you or a goodbye: answer in kind, no attempt counted.
        if (
          input.kind === 'text' &&
          this.#interpretation &&
          (await this.#smallTalk(this.#interpretation, true))
        )
          return;
        top.attempts += 1;
        this.#emit([{ kind: 'text', text: result.error }]);
        if (top.attempts >= this.#attemptLimit()) this.#offerWayOut(top);
        else await this.#promptTop();
        return;
      case 'repeat':
        top.state = result.state;
        this.#emit(result.say);
        await this.#promptTop();
        return;
      case 'wait':
        top.state = result.state;
        this.#emitAwaiting(top, result.say);
        return;
      case 'end':
        this.session.stack.pop();
        this.#emit(result.say);
        await this.#resumeParent(result.result, input);
        return;
      case 'call':
        top.state = result.state;
        top.step = result.then;
        this.#emit(result.say);
        await this.#start(result.dialog, result.args ?? {}, undefined, true);
        return;
      case 'replace':
        this.session.stack.pop();
        this.#emit(result.say);
        await this.#start(result.dialog, result.args ?? {}, result.forward ? input : undefined);
        return;
      case 'erase':
        this.#emit(result.say);
        this.#forget();
        return;
      case 'handoff':
        if (!this.#dialog(top).form) this.session.stack.pop();
        this.#emit(result.say);
        await this.#requestHandoff(result.reason, result.note);
        return;
    }
  }

  #privacyDialog(): string {
    return this.deps.privacyDialog ?? 'privacy';
  }

  /** Empties the session in place: only its language and timestamps remain until it is deleted. */
  #forget(): void {
    const fresh = newSession(this.session.locale, this.now);
    const bag = this.session as Record<string, unknown>;
    for (const key of Object.keys(bag)) delete bag[key];
    Object.assign(bag, fresh);
    this.#erased = true;
  }

  async #resumeParent(result: Json | undefined, input: Inbound): Promise<void> {
    const parent = this.#top();
    if (!parent) return;
    const step = this.#dialog(parent).steps[parent.step];
    if (step?.resume) await this.#apply(await step.resume(this.#ctx(), parent.state, result), input);
    else await this.#promptTop();
  }

  /** After too many invalid answers: keep the form, and offer to try again, the menu or an agent. */
  #offerWayOut(frame: Frame): void {
    this.#emitAwaiting(frame, [
      {
        kind: 'choices',
        text: this.#t('engine:attempt_limit'),
        choices: [
          { id: 'retry', label: this.#t('engine:choice_retry') },
          { id: INTENT_CHOICE.menu, label: this.#t('engine:choice_menu') },
          { id: INTENT_CHOICE.agent, label: this.#t('engine:choice_agent') },
        ],
      },
    ]);
  }
}
