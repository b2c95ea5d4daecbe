/**
 * What the console's route modules share: who may call a route, the handler signature, and the
 * audit function every action goes through. Routes are registered (with their access checks) by
 * routes.ts from the route lists of each module.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import { HttpError } from '../../http/errors.js';
import type { SignedIn } from './auth.js';

/** Who may call a route. */
export type Access = 'public' | 'agent' | 'supervisor';

/** One declared API route. */
export interface ApiRouteSpec {
  method: 'GET' | 'POST';
  url: string;
  access: Access;
}

/** The ids (`"METHOD url"`) of a list of routes, as a union: the keys of its handler table. */
export type RouteIdOf<Routes extends readonly ApiRouteSpec[]> = Routes[number] extends infer R
  ? R extends ApiRouteSpec
    ? `${R['method']} ${R['url']}`
    : never
  : never;

/** A route's handler; `agent` is set for every route that is not public. */
export type Handler = (
  request: FastifyRequest,
  reply: FastifyReply,
  agent: SignedIn | undefined,
) => Promise<unknown>;

/** Appends to the audit log; never throws (a failed write is logged). */
export type Audit = (
  agent: string,
  action: string,
  conversation?: string,
  detail?: Record<string, string | number | boolean | null>,
) => Promise<void>;

/** What route modules build their handlers from. */
export interface ConsoleContext {
  app: App;
  audit: Audit;
  now: () => Date;
}

/** The signed-in agent (routes that are not public always have one; 401 otherwise). */
export function signedIn(agent: SignedIn | undefined): SignedIn {
  if (!agent) throw new HttpError(401, 'sign in first');
  return agent;
}
