/**
 * Common occupations of BPU (informal and self-employed) workers, offered as choices; any other
 * occupation is typed freely (domain file: "traders, ojek and online drivers, household workers …").
 */
import type { CodedOption } from './options.js';

/** The occupation choices, most common first; `other` asks the user to type theirs. */
export const OCCUPATIONS: readonly CodedOption[] = [
  {
    code: 'driver',
    labelKey: 'bpu:occ_driver',
    aliases: [
      'ojek',
      'ojol',
      'ojek online',
      'driver',
      'driver online',
      'gojek',
      'grab',
      'maxim',
      'kurir',
      'sopir',
      'supir',
    ],
  },
  {
    code: 'trader',
    labelKey: 'bpu:occ_trader',
    aliases: [
      'pedagang',
      'dagang',
      'jualan',
      'berjualan',
      'warung',
      'pedagang kaki lima',
      'pkl',
      'trader',
      'seller',
    ],
  },
  {
    code: 'domestic',
    labelKey: 'bpu:occ_domestic',
    aliases: [
      'art',
      'prt',
      'pembantu',
      'asisten rumah tangga',
      'pembantu rumah tangga',
      'household worker',
      'maid',
    ],
  },
  { code: 'farmer', labelKey: 'bpu:occ_farmer', aliases: ['petani', 'tani', 'bertani', 'pekebun', 'farmer'] },
  { code: 'fisher', labelKey: 'bpu:occ_fisher', aliases: ['nelayan', 'melaut', 'fisher', 'fisherman'] },
  {
    code: 'day_labourer',
    labelKey: 'bpu:occ_day_labourer',
    aliases: ['buruh', 'buruh harian', 'buruh lepas', 'kuli', 'serabutan', 'day labourer', 'day laborer'],
  },
  { code: 'tailor', labelKey: 'bpu:occ_tailor', aliases: ['penjahit', 'jahit', 'tukang jahit', 'tailor'] },
  {
    code: 'craftsman',
    labelKey: 'bpu:occ_craftsman',
    aliases: [
      'tukang',
      'tukang bangunan',
      'tukang kayu',
      'tukang batu',
      'tukang las',
      'builder',
      'carpenter',
    ],
  },
  { code: 'other', labelKey: 'bpu:occ_other', aliases: ['lainnya', 'lain lain', 'other'] },
];
