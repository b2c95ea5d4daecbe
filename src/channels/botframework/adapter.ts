/**
 * The Bot Framework channel: `POST /api/messages` on fastify, authenticated and answered by
 * botbuilder's `CloudAdapter` (`ConfigurationBotFrameworkAuthentication` from the MicrosoftApp*
 * settings). Thin on purpose: the body is validated with zod, the mapping lives in map.ts, and only
 * this file knows botbuilder (Bot Framework SDK v4 reaches end of support on 31 Dec 2025; its
 * successor `@microsoft/agents-hosting` would replace this file alone).
 *
 * Without an app id, authentication is off (Bot Framework Emulator mode): so that the endpoint cannot
 * be used to make the server post to or fetch from arbitrary hosts, only activities from loopback
 * clients (not relayed by a proxy) with loopback service URLs are answered, and attachments are
 * fetched only from the activity's service URL origin. With an app id, attachments are fetched only
 * over `https` from public addresses (see {@link downloadWithinLimit}).
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  TurnContext,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
} from 'botbuilder';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import { ConfigError, type Config } from '../../config.js';
import type { Address, FileRef, Outbound } from '../../engine/types.js';
import { issueLines } from '../../http/errors.js';
import { FileFetchError, type Channel } from '../channel.js';
import { isLoopbackAddress } from '../address-policy.js';
import { anyHost, downloadWithinLimit, originOf, permission, type DownloadPolicy } from '../download.js';
import { repliesTo } from '../engine-turn.js';
import { activityToInbound, conversationIdOf, IncomingActivity, outboundsToActivities } from './map.js';

/** What the channel uses of the app. */
export type BotFrameworkHost = Pick<App, 'engine' | 'log'>;

/** Settings of a {@link BotFrameworkChannel}. */
export interface BotFrameworkChannelOptions {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** The messaging endpoint path (default `/api/messages`). */
  path?: string;
}

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** CloudAdapter with its protocol-level turn exposed (authenticate → logic → expectReplies/invoke result). */
class TanyaCloudAdapter extends CloudAdapter {
  runTurn(
    auth: AuthResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/** A bounded map that forgets its least recently written entries. */
class RecentMap<K, V> {
  readonly #items = new Map<K, V>();
  constructor(readonly max: number) {}
  get(key: K): V | undefined {
    return this.#items.get(key);
  }
  set(key: K, value: V): void {
    this.#items.delete(key);
    this.#items.set(key, value);
    if (this.#items.size > this.max) this.#items.delete(this.#items.keys().next().value as K);
  }
  keys(): K[] {
    return [...this.#items.keys()];
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
/** Hosts of Bot Framework connector services, whose attachment URLs need the bot's token. */
const CONNECTOR_HOSTS = [
  /\.botframework\.com$/i,
  /^smba\.trafficmanager\.net$/i,
  /\.botframework\.azure\.us$/i,
];
const LOGIN_ENDPOINT = 'https://login.microsoftonline.com/botframework.com';
const CHANNEL_AUDIENCE = 'https://api.botframework.com';

/** Headers a reverse proxy adds: a relayed request is not the local Emulator, whatever its socket says. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function isLoopback(url: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(url).hostname);
}

/** Whether a request came straight from this machine (the Emulator runs locally). */
function fromLocalClient(request: FastifyRequest): boolean {
  const remote = request.socket.remoteAddress ?? '';
  return isLoopbackAddress(remote) && FORWARDING_HEADERS.every((name) => !(name in request.headers));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
}

/** The Bot Framework {@link Channel}. */
export class BotFrameworkChannel implements Channel {
  readonly name = 'botframework';
  readonly #host: BotFrameworkHost;
  readonly #options: BotFrameworkChannelOptions;
  readonly #auth: ConfigurationBotFrameworkAuthentication;
  readonly #credentials: ConfigurationServiceClientCredentialFactory;
  readonly #adapter: TanyaCloudAdapter;
  /** Conversation references by conversation id, for proactive sends (agent replies, notices). */
  readonly #references = new RecentMap<string, Partial<ConversationReference>>(50_000);
  /** Origins of service URLs seen in authenticated activities: their attachments get the bot token. */
  readonly #trustedOrigins = new Set<string>();
  /** Emulator mode: origins of the (loopback) service URLs seen, the only attachment hosts. */
  readonly #emulatorOrigins = new RecentMap<string, true>(100);
  #stopping = false;

  constructor(host: BotFrameworkHost, options: BotFrameworkChannelOptions = {}) {
    this.#host = host;
    this.#options = options;
    const settings = {
      MicrosoftAppId: options.appId,
      MicrosoftAppPassword: options.appPassword,
      MicrosoftAppTenantId: options.tenantId,
      MicrosoftAppType: options.appType ?? (options.appId ? 'MultiTenant' : undefined),
    };
    this.#credentials = new ConfigurationServiceClientCredentialFactory(settings);
    this.#auth = new ConfigurationBotFrameworkAuthentication(settings, this.#credentials);
    this.#adapter = new TanyaCloudAdapter(this.#auth);
    if (!this.authEnabled) {
      host.log.warn(
        'Bot Framework authentication is off (MicrosoftAppId unset): Emulator mode, loopback service URLs only',
      );
    }
  }

  /** Whether incoming requests must carry a valid Bot Framework token. */
  get authEnabled(): boolean {
    return Boolean(this.#options.appId);
  }

  /** Adds `POST /api/messages`. */
  registerRoutes(server: FastifyInstance): void {
    const log = this.#host.log;
    server.post(this.#options.path ?? '/api/messages', async (request, reply) => {
      const parsed = IncomingActivity.safeParse(request.body);
      if (!parsed.success) {
        log.warn({ issues: issueLines(parsed.error) }, 'botframework: malformed activity');
        return reply.code(400).send({ error: 'malformed activity' });
      }
      const activity = parsed.data;
      if (!this.authEnabled && !fromLocalClient(request)) {
        log.warn('botframework: authentication is off; activity from a non-loopback client refused');
        return reply.code(403).send({ error: 'authentication is off: only local clients are served' });
      }
      if (!this.authEnabled && !isLoopback(activity.serviceUrl)) {
        log.warn('botframework: authentication is off; activity from a non-loopback service URL refused');
        return reply
          .code(403)
          .send({ error: 'authentication is off: only loopback service URLs are served' });
      }
      if (this.#stopping) return reply.code(503).send({ error: 'shutting down' });
      const header = request.headers.authorization ?? '';
      let auth: AuthResult;
      try {
        auth = await this.#auth.authenticateRequest(activity as unknown as Activity, header);
      } catch (error) {
        log.warn({ err: errorMessage(error) }, 'botframework: unauthenticated request rejected');
        return reply.code(401).send({ error: 'unauthorized' });
      }
      const serviceOrigin = originOf(activity.serviceUrl);
      if (this.authEnabled) this.#trustedOrigins.add(serviceOrigin);
      else this.#emulatorOrigins.set(serviceOrigin, true);
      try {
        const result = await this.#adapter.runTurn(auth, activity as unknown as Activity, (context) =>
          this.#turn(context, activity),
        );
        if (result?.body !== undefined) return reply.code(result.status).send(result.body);
        return reply.code(result?.status ?? 200).send();
      } catch (error) {
        log.error({ err: errorMessage(error) }, 'botframework: could not answer an activity');
        return reply.code(500).send({ error: 'internal error' });
      }
    });
  }

  /** Nothing to connect: activities arrive over HTTP. */
  async start(): Promise<void> {
    this.#host.log.info(
      { path: this.#options.path ?? '/api/messages', auth: this.authEnabled },
      'Bot Framework is on',
    );
  }

  /** Refuses new activities (503); in-flight turns finish with the HTTP server. */
  async stop(): Promise<void> {
    this.#stopping = true;
  }

  /** Sends outbounds to a conversation this process has heard from (a stored conversation reference). */
  async send(address: Address, outbounds: readonly Outbound[]): Promise<void> {
    const reference = this.#references.get(address.conversationId);
    if (!reference) {
      throw new Error(
        `botframework: no conversation reference for ${address.conversationId} in this process`,
      );
    }
    const activities = outboundsToActivities(outbounds, {
      channelId: reference.channelId ?? '',
      userId: reference.user?.id ?? address.userId,
    });
    await this.#adapter.continueConversationAsync(this.#options.appId ?? '', reference, async (context) => {
      await context.sendActivities(activities);
    });
  }

  /**
   * Where attachments may be fetched from: with authentication, `https` URLs on public addresses; in
   * Emulator mode, only the given service URL origins (default: every one seen lately).
   */
  #downloadPolicy(serviceOrigins: readonly string[] = this.#emulatorOrigins.keys()): DownloadPolicy {
    return this.authEnabled
      ? { trustedOrigins: [], publicHosts: anyHost }
      : { trustedOrigins: serviceOrigins };
  }

  /** Downloads an attachment (`ref` = its URL), with the bot's token when the host is a connector. */
  async fetchFile(file: FileRef, maxBytes: number): Promise<Buffer> {
    let url: URL;
    try {
      url = new URL(file.ref);
    } catch {
      throw new FileFetchError('not_found', 'botframework: attachment reference is not a URL');
    }
    const policy = this.#downloadPolicy();
    if (permission(policy, url) === 'refused') {
      throw new FileFetchError('not_found', 'botframework: attachment URL is not on an allowed host');
    }
    const tooLarge = () => new FileFetchError('too_large', `attachment is larger than ${maxBytes} bytes`);
    if (file.size !== undefined && file.size > maxBytes) throw tooLarge();
    const headers: Record<string, string> = {};
    if (this.authEnabled && this.#needsToken(url)) headers.authorization = `Bearer ${await this.#token()}`;
    return downloadWithinLimit(url, {
      policy,
      headers,
      limit: maxBytes,
      tooLarge,
      goneStatuses: [404, 410],
      channel: 'botframework',
      noun: 'attachment',
    });
  }

  #needsToken(url: URL): boolean {
    return (
      this.#trustedOrigins.has(url.origin) || CONNECTOR_HOSTS.some((pattern) => pattern.test(url.hostname))
    );
  }

  async #token(): Promise<string> {
    const appId = this.#options.appId ?? '';
    const login = this.#options.tenantId
      ? `https://login.microsoftonline.com/${this.#options.tenantId}`
      : LOGIN_ENDPOINT;
    try {
      const credentials = (await this.#credentials.createCredentials(
        appId,
        CHANNEL_AUDIENCE,
        login,
        true,
      )) as {
        getToken?: () => Promise<string>;
      };
      if (typeof credentials.getToken !== 'function') throw new Error('credentials cannot issue tokens');
      return await credentials.getToken();
    } catch (error) {
      this.#host.log.warn({ err: errorMessage(error) }, 'botframework: could not get a token for a download');
      throw new FileFetchError('unavailable', 'botframework: could not authenticate the download');
    }
  }

  async #turn(context: TurnContext, activity: IncomingActivity): Promise<void> {
    const mapped = activityToInbound(activity);
    if (mapped.type === 'ignore') return;
    const inbound = mapped.inbound;
    if (
      (inbound.kind === 'image' || inbound.kind === 'document') &&
      permission(this.#downloadPolicy([originOf(activity.serviceUrl)]), new URL(inbound.file.ref)) ===
        'refused'
    ) {
      this.#host.log.warn('botframework: attachment on a host that may not be fetched from; ignored');
      return;
    }
    this.#references.set(conversationIdOf(activity), TurnContext.getConversationReference(context.activity));
    const replies = await repliesTo(this.#host.engine, mapped.inbound, (error) => {
      this.#host.log.error({ err: errorMessage(error) }, 'botframework: the engine rejected an inbound');
    });
    if (replies.length === 0) return;
    const activities = outboundsToActivities(replies, {
      channelId: activity.channelId,
      userId: activity.from.id,
    });
    await context.sendActivities(activities);
  }
}

/** Settings the factory reads. */
export type BotFrameworkConfig = Pick<
  Config,
  'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppTenantId' | 'MicrosoftAppType'
>;

/** Builds the Bot Framework channel; throws {@link ConfigError} for an app id without its secret. */
export function createBotFrameworkChannel(
  app: BotFrameworkHost,
  config: BotFrameworkConfig,
): BotFrameworkChannel {
  const appType = config.MicrosoftAppType;
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && appType !== 'UserAssignedMSI') {
    throw new ConfigError('MicrosoftAppPassword must be set when MicrosoftAppId is set');
  }
  if (!config.MicrosoftAppId && config.MicrosoftAppPassword) {
    throw new ConfigError('MicrosoftAppId must be set when MicrosoftAppPassword is set');
  }
  if (appType && appType !== 'MultiTenant' && !config.MicrosoftAppTenantId) {
    throw new ConfigError(`MicrosoftAppTenantId must be set for MicrosoftAppType=${appType}`);
  }
  return new BotFrameworkChannel(app, {
    ...(config.MicrosoftAppId ? { appId: config.MicrosoftAppId } : {}),
    ...(config.MicrosoftAppPassword ? { appPassword: config.MicrosoftAppPassword } : {}),
    ...(config.MicrosoftAppTenantId ? { tenantId: config.MicrosoftAppTenantId } : {}),
    ...(appType ? { appType } : {}),
  });
}
