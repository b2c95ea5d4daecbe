/**
 * Signing in to the console over fastify inject, for the back-office and dashboard tests.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** The password every test account gets. */
export const PASSWORD = 'kata-sandi-rahasia';

/** The cookie a response set, as a `Cookie` header value. */
export function cookieOf(response: LightMyRequestResponse, name: string): string {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const found = all.find((value) => value.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie set`);
  return found.split(';')[0] as string;
}

/** A signed-in console session: its cookie and CSRF token. */
export interface ConsoleSignIn {
  cookie: string;
  token: string;
}

/** Signs `name` in through the API, as the console page does. */
export async function signIn(server: FastifyInstance, name: string): Promise<ConsoleSignIn> {
  const csrf = await server.inject('/console/api/csrf');
  const login = await server.inject({
    method: 'POST',
    url: '/console/api/login',
    headers: { cookie: cookieOf(csrf, 'tanya_console'), 'x-csrf-token': csrf.json().token },
    payload: { name, password: PASSWORD },
  });
  expect(login.statusCode, login.body).toBe(200);
  return { cookie: cookieOf(login, 'tanya_console'), token: login.json().token };
}

/** A console session holding only a CSRF token (not signed in). */
export async function anonymous(server: FastifyInstance): Promise<ConsoleSignIn> {
  const csrf = await server.inject('/console/api/csrf');
  return { cookie: cookieOf(csrf, 'tanya_console'), token: csrf.json().token };
}
