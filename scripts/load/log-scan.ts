/**
 * Reads the server's log output during a load run and finds personal data in it: the NIKs, phone
 * numbers, KPJ and bank account numbers and names the simulated users typed, and the bytes of the
 * files they uploaded. Numbers are found however they are written (with spaces, dots or dashes
 * between digits, or inside a longer run of digits).
 */

/** What a secret is, for the report (the secret itself is never reported). */
export type SecretKind = 'NIK' | 'phone' | 'KPJ' | 'bank account' | 'name' | 'document';

/** Where personal data was found: the log line's number and what kind of data it was. */
export interface LogLeak {
  line: number;
  kind: SecretKind;
}

/** What the simulated users sent that must never reach a log. */
export interface Secrets {
  /** Numbers (digits only): NIKs, phone numbers in every form, KPJ and account numbers. */
  numbers: ReadonlyMap<string, SecretKind>;
  /** Other text, matched case-insensitively (names, markers of file contents). */
  texts: ReadonlyMap<string, SecretKind>;
}

const SEPARATED_DIGITS = /(?<=\d)[\s.-](?=\d)/g;
const DIGIT_RUN = /\d{6,}/g;

/** Scans log output line by line as it arrives. */
export class LogLeakScanner {
  readonly #numbers: ReadonlyMap<string, SecretKind>;
  readonly #lengths: number[];
  readonly #texts: Array<[string, SecretKind]>;
  readonly #leaks: LogLeak[] = [];
  #leakCount = 0;
  #partial = '';
  #lines = 0;

  constructor(secrets: Secrets) {
    this.#numbers = secrets.numbers;
    this.#lengths = [...new Set([...secrets.numbers.keys()].map((n) => n.length))];
    this.#texts = [...secrets.texts].map(([text, kind]) => [text.toLowerCase(), kind]);
  }

  /** Log lines read so far. */
  get lines(): number {
    return this.#lines;
  }

  /** Lines with personal data. */
  get leakCount(): number {
    return this.#leakCount;
  }

  /** The first 50 lines with personal data, in order. */
  get leaks(): readonly LogLeak[] {
    return this.#leaks;
  }

  /** Feeds a chunk of output (lines may span chunks). */
  feed(chunk: string): void {
    const lines = (this.#partial + chunk).split('\n');
    this.#partial = lines.pop() ?? '';
    for (const line of lines) this.#scan(line);
  }

  /** Scans what is left after the last newline. */
  end(): void {
    if (this.#partial) this.#scan(this.#partial);
    this.#partial = '';
  }

  #scan(line: string): void {
    this.#lines += 1;
    const kind = this.#numberIn(line) ?? this.#textIn(line);
    if (!kind) return;
    this.#leakCount += 1;
    if (this.#leaks.length < 50) this.#leaks.push({ line: this.#lines, kind });
  }

  #numberIn(line: string): SecretKind | undefined {
    for (const [run] of line.replace(SEPARATED_DIGITS, '').matchAll(DIGIT_RUN)) {
      for (const length of this.#lengths) {
        for (let start = 0; start + length <= run.length; start++) {
          const kind = this.#numbers.get(run.slice(start, start + length));
          if (kind) return kind;
        }
      }
    }
    return undefined;
  }

  #textIn(line: string): SecretKind | undefined {
    const lower = line.toLowerCase();
    return this.#texts.find(([text]) => lower.includes(text))?.[1];
  }
}

/** The forms a mobile number can take in a log: `0812…`, `62812…`, `812…`. */
export function phoneForms(typed: string): string[] {
  const digits = typed.replace(/\D/g, '');
  const national = digits.replace(/^(62|0)/, '');
  return [`0${national}`, `62${national}`, national];
}
