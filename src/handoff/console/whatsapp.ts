/**
 * WhatsApp pairing in the agent console (supervisors only): whether the channel runs here, its
 * connection status, and while it waits to be linked the pairing code or the QR as SVG (rendered on
 * the server from the QR matrix, see src/channels/whatsapp/qr-svg.ts). The page
 * (src/http/public/console/whatsapp.js) polls it. Anyone who scans the QR links a phone to the bot's
 * number, so each QR or code shown is written to the audit log once per supervisor.
 */
import { z } from 'zod';
import type { Channel } from '../../channels/channel.js';
import { qrSvg } from '../../channels/whatsapp/qr-svg.js';
import { signedIn, type ApiRouteSpec, type ConsoleContext, type Handler, type RouteIdOf } from './api.js';

/** The WhatsApp pairing route (supervisors only). */
export const WHATSAPP_API_ROUTES = [
  { method: 'GET', url: '/console/api/whatsapp', access: 'supervisor' },
] as const satisfies readonly ApiRouteSpec[];

type WhatsAppRouteId = RouteIdOf<typeof WHATSAPP_API_ROUTES>;

/** What the console reads from the WhatsApp channel (its adapter is loaded only when enabled). */
export interface WhatsAppPairing {
  readonly status: string;
  currentQr(): string | undefined;
  currentPairingCode(): string | undefined;
}

function isWhatsAppPairing(channel: Channel | undefined): channel is Channel & WhatsAppPairing {
  const candidate = channel as Partial<WhatsAppPairing> | undefined;
  return (
    typeof candidate?.status === 'string' &&
    typeof candidate.currentQr === 'function' &&
    typeof candidate.currentPairingCode === 'function'
  );
}

/** `GET /console/api/whatsapp`. */
export const WhatsAppData = z.object({
  enabled: z.boolean(),
  status: z.string().max(40).nullable(),
  pairingCode: z.string().max(40).nullable(),
  qrSvg: z.string().startsWith('<svg ').nullable(),
});

/** The handlers of {@link WHATSAPP_API_ROUTES}. */
export function whatsappHandlers({ app, audit }: ConsoleContext): Record<WhatsAppRouteId, Handler> {
  // The QR changes every ~20 s and supervisors poll every few seconds: render each one once.
  let rendered: { qr: string; svg: string | null } | undefined;
  const svgOf = (qr: string): string | null => {
    if (rendered?.qr !== qr) {
      let svg: string | null = null;
      try {
        svg = qrSvg(qr);
      } catch (error) {
        app.log.warn({ err: (error as Error).message }, 'the WhatsApp QR could not be rendered');
      }
      rendered = { qr, svg };
    }
    return rendered.svg;
  };
  /** The last QR or pairing code each supervisor was shown (audited when it changes). */
  const shown = new Map<string, string>();

  return {
    'GET /console/api/whatsapp': async (_request, _reply, agent) => {
      const me = signedIn(agent);
      const channel = app.channels.get('whatsapp');
      if (!isWhatsAppPairing(channel)) {
        return WhatsAppData.parse({ enabled: false, status: null, pairingCode: null, qrSvg: null });
      }
      const pairingCode = channel.currentPairingCode() ?? null;
      const qr = pairingCode ? undefined : channel.currentQr();
      const secret = pairingCode ?? qr;
      if (secret && shown.get(me.agent) !== secret) {
        shown.set(me.agent, secret);
        void audit(me.agent, 'whatsapp_pairing_shown', undefined, { kind: pairingCode ? 'code' : 'qr' });
      }
      return WhatsAppData.parse({
        enabled: true,
        status: channel.status,
        pairingCode,
        qrSvg: qr ? svgOf(qr) : null,
      });
    },
  };
}
