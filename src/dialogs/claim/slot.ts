/**
 * The video-verification slot (`slot`): the next free slots from the next working day, in the
 * user's time zone, a few at a time ("later times" pages on). The place is booked on confirmation,
 * atomically; a slot that filled up meanwhile sends the user back here.
 */
import { say, step, type Step } from '../../engine/dialog.js';
import { formatSlot, parseSlotId } from '../../store/slots.js';
import { userZone, type ClaimState } from './state.js';

/** Slots shown at a time. */
export const SLOTS_PER_PAGE = 6;
const MORE = 'slot:more';
const FIRST = 'slot:first';

export const slotStep: Step<ClaimState> = {
  async prompt(ctx, state) {
    const zone = userZone(state);
    const offered = await ctx.services.slots.available(ctx.now, state.slotPage, SLOTS_PER_PAGE + 1);
    if (!offered.length && state.slotPage === 0) return [say.text(ctx.t('claim:no_slots'))];
    if (!offered.length) {
      return [say.choices(ctx.t('claim:no_more_slots'), [{ id: FIRST, label: ctx.t('claim:slot_first') }])];
    }
    const choices = offered.slice(0, SLOTS_PER_PAGE).map((slot) => ({
      id: `slot:${slot.id}`,
      label: ctx.t('claim:slot_label', {
        when: formatSlot(slot, zone, ctx.locale),
        remaining: slot.remaining,
      }),
    }));
    if (offered.length > SLOTS_PER_PAGE) choices.push({ id: MORE, label: ctx.t('claim:slot_more') });
    return [say.choices(ctx.t('claim:ask_slot', { zone }), choices)];
  },
  receive(ctx, state, input) {
    if (input.kind === 'choice' && input.choiceId === MORE) {
      return step.repeat({ ...state, slotPage: state.slotPage + SLOTS_PER_PAGE });
    }
    if (input.kind === 'choice' && input.choiceId === FIRST) return step.repeat({ ...state, slotPage: 0 });
    const id = input.kind === 'choice' && input.choiceId.startsWith('slot:') ? input.choiceId.slice(5) : '';
    const slot = parseSlotId(id, ctx.services.slots.schedule);
    if (!slot || slot.startsAt.getTime() <= ctx.now.getTime()) return step.retry(ctx.t('claim:slot_invalid'));
    const next = { ...state, slot: slot.id, stage: null };
    return step.next('confirm', next);
  },
};
