/** Types for `qrcode-terminal` (the package ships none). */
declare module 'qrcode-terminal' {
  /** Renders `text` as a QR code of terminal characters; `small` uses half-height blocks. */
  export function generate(
    text: string,
    options?: { small?: boolean },
    callback?: (qr: string) => void,
  ): void;
  const qrcodeTerminal: { generate: typeof generate };
  export default qrcodeTerminal;
}
