/**
 * How a SERTAKAN payer knows the worker they pay for (domain file: household workers, private
 * drivers, the food vendor they buy from; members or companies pay).
 */
import type { CodedOption } from './options.js';

/** Relationship choices; `other` asks the payer to type it. */
export const RELATIONSHIPS: readonly CodedOption[] = [
  {
    code: 'employer',
    labelKey: 'bpu:rel_employer',
    aliases: ['majikan', 'pemberi kerja', 'bos', 'employer', 'boss'],
  },
  { code: 'customer', labelKey: 'bpu:rel_customer', aliases: ['pelanggan', 'langganan', 'customer'] },
  { code: 'family', labelKey: 'bpu:rel_family', aliases: ['keluarga', 'saudara', 'family', 'relative'] },
  { code: 'neighbour', labelKey: 'bpu:rel_neighbour', aliases: ['tetangga', 'neighbour', 'neighbor'] },
  { code: 'company', labelKey: 'bpu:rel_company', aliases: ['perusahaan', 'csr', 'kantor', 'company'] },
  { code: 'other', labelKey: 'bpu:rel_other', aliases: ['lainnya', 'lain lain', 'other'] },
];
