/**
 * The payout account (`bank`): the bank, the account number and the holder's name, which must be
 * the member's own (the heir's for a death claim). Names are compared as a clerk would
 * ({@link namesMatch}); a mismatch is explained and the account can be changed ("ganti rekening").
 */
import { say, step, type Step } from '../../engine/dialog.js';
import { namesMatch } from '../../rules/names.js';
import { isClaimWord, digitsOf, isChangeAccount, isReplace, personName, textOf } from './answers.js';
import { replaceLast } from './documents.js';
import { advance } from './identity.js';
import { accountOwner, type ClaimState } from './state.js';

/** Banks offered as choices (others can be typed). */
export const BANKS = ['BRI', 'BNI', 'Mandiri', 'BCA', 'BTN', 'BSI', 'CIMB Niaga', 'Danamon'] as const;

/** A bank name typed instead of chosen. */
function bankName(text: string): string | undefined {
  const name = text.replace(/\s+/g, ' ').trim();
  return /^[\p{L}][\p{L}\d .&()-]{1,59}$/u.test(name) ? name : undefined;
}

export const bankStep: Step<ClaimState> = {
  ownsText: isClaimWord,
  prompt(ctx, state) {
    if (state.stage === 'account') return [say.text(ctx.t('claim:ask_account', { bank: state.bank }))];
    if (state.stage === 'holder') {
      return [say.text(ctx.t('claim:ask_holder', { name: accountOwner(state) }))];
    }
    return [
      say.choices(
        ctx.t(state.reason === 'death' ? 'claim:ask_bank_heir' : 'claim:ask_bank'),
        BANKS.map((bank) => ({ id: `bank:${bank}`, label: bank })),
      ),
    ];
  },
  receive(ctx, state, input) {
    if (isChangeAccount(input)) {
      return step.repeat({ ...state, stage: null, bank: null, account: null, holder: null });
    }
    if (state.stage === 'account') {
      const digits = digitsOf(textOf(input) ?? '');
      if (!digits || digits.length < 6 || digits.length > 20)
        return step.retry(ctx.t('claim:account_invalid'));
      return step.repeat({ ...state, account: digits, stage: 'holder' });
    }
    if (state.stage === 'holder') {
      const holder = personName(textOf(input) ?? '');
      if (!holder) return step.retry(ctx.t('claim:name_invalid'));
      const owner = accountOwner(state);
      if (!namesMatch(holder, owner)) {
        return step.retry(
          ctx.t(state.reason === 'death' ? 'claim:holder_mismatch_heir' : 'claim:holder_mismatch', {
            holder,
            name: owner,
          }),
        );
      }
      return advance({ ...state, holder });
    }
    if (isReplace(input)) return replaceLast(ctx, state);
    if (input.kind === 'choice' && input.choiceId.startsWith('bank:')) {
      return step.repeat({ ...state, bank: input.choiceId.slice(5), stage: 'account' });
    }
    const typed = bankName(textOf(input) ?? '');
    if (!typed) return step.retry(ctx.t('claim:bank_invalid'));
    return step.repeat({ ...state, bank: typed, stage: 'account' });
  },
};
