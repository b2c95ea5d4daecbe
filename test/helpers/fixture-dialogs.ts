/**
 * Small dialogs used only by engine tests: a three-step form and a recorder of every input.
 */
import { defineDialog, say, step, type Dialog } from '../../src/engine/dialog.js';

/** A form: name → age (a number 1-120) → colour (choices) → done. */
export function createFormDialog(version = 1): Dialog {
  type State = { name: string | null; age: number | null; colour: string | null };
  return defineDialog<State>({
    id: 'test-form',
    version,
    titleKey: 'test:form_title',
    form: true,
    firstStep: 'name',
    start: () => ({ name: null, age: null, colour: null }),
    discarded: (state) => [state.name ? 'name' : '', state.age ? 'age' : ''].filter(Boolean),
    steps: {
      name: {
        prompt: (ctx) => [say.text(ctx.locale === 'en' ? 'What is your name?' : 'Siapa nama Anda?')],
        receive: (_ctx, state, input) =>
          input.kind === 'text' && input.text.trim().length >= 2
            ? step.next('age', { ...state, name: input.text.trim() })
            : step.retry('Nama minimal 2 huruf.'),
      },
      age: {
        prompt: (ctx) => [say.text(ctx.locale === 'en' ? 'How old are you?' : 'Berapa umur Anda?')],
        receive: (_ctx, state, input) => {
          const age = input.kind === 'text' ? Number(input.text) : NaN;
          return Number.isInteger(age) && age > 0 && age <= 120
            ? step.next('colour', { ...state, age })
            : step.retry('Umur harus angka 1-120.');
        },
      },
      colour: {
        prompt: () => [
          say.choices('Pilih warna:', [
            { id: 'red', label: 'Merah' },
            { id: 'green', label: 'Hijau' },
            { id: 'blue', label: 'Biru muda' },
          ]),
        ],
        receive: (_ctx, state, input) =>
          input.kind === 'choice'
            ? step.end([say.text(`Selesai: ${state.name}, ${state.age}, ${input.choiceId}`)])
            : step.retry('Pilih salah satu warna.'),
      },
    },
  });
}

/** Records every text it receives, in order, and replies with the running count. */
export const recorderDialog = defineDialog<{ seen: string[] }>({
  id: 'test-recorder',
  version: 1,
  titleKey: 'test:recorder_title',
  firstStep: 'listen',
  start: () => ({ seen: [] }),
  steps: {
    listen: {
      prompt: () => [],
      receive: (_ctx, state, input) => {
        const seen = [...state.seen, input.kind === 'text' ? input.text : input.kind];
        return step.wait({ seen }, [say.text(`count=${seen.length} last=${seen.at(-1)}`)]);
      },
    },
  },
});

/** Throws on every input: for the error path. */
export const brokenDialog = defineDialog<Record<string, never>>({
  id: 'test-broken',
  version: 1,
  titleKey: 'test:broken_title',
  firstStep: 'boom',
  start: () => ({}),
  steps: {
    boom: {
      prompt: () => [say.text('ready')],
      receive: () => {
        throw new Error('dialog bug');
      },
    },
  },
});
