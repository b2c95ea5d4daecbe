import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('config', () => {
  it('has an embedded default that needs no Redis and no tokens', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DATA_DIR: './data', LOG_LEVEL: 'info', DEFAULT_LOCALE: 'id' });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.WHATSAPP_ENABLED).toBe(false);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ REDIS_URL: '', TELEGRAM_BOT_TOKEN: '' }).REDIS_URL).toBeUndefined();
  });

  it('names the variable in one readable line when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^invalid configuration: PORT="eighty": /);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL="localhost:6379": must start with redis:\/\//,
    );
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('refuses an empty PORT instead of binding a random port, and keeps an explicit 0', () => {
    expect(() => loadConfig({ PORT: '' })).toThrow(
      /^invalid configuration: PORT="": must not be empty \(unset it for 3978\)$/,
    );
    expect(() => loadConfig({ PORT: '  ' })).toThrow(/PORT=" {2}": must not be empty/);
    expect(loadConfig({}).PORT).toBe(3978);
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
    expect(() => loadConfig({ PORT: '65536' })).toThrow(/PORT="65536"/);
  });

  it('reads TRUST_PROXY as off, true, a hop count or a list of addresses', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,::1,fd00::/8,loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.1',
      '172.16.0.0/12',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'yes-please' })).toThrow(
      /TRUST_PROXY="yes-please": not an address/,
    );
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1,proxy.local' })).toThrow(/"proxy.local"/);
  });

  it('reads METRICS_PORT, METRICS_HOST and METRICS_TOKEN, and refuses bad values by name', () => {
    expect(loadConfig({})).toMatchObject({ METRICS_HOST: '127.0.0.1' });
    expect(loadConfig({}).METRICS_PORT).toBeUndefined();
    expect(loadConfig({}).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '' }).METRICS_PORT).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '::1' })).toMatchObject({
      METRICS_PORT: 9464,
      METRICS_HOST: '::1',
    });
    expect(loadConfig({ METRICS_TOKEN: 'x'.repeat(32) }).METRICS_TOKEN).toBe('x'.repeat(32));
    expect(() => loadConfig({ METRICS_PORT: 'nine' })).toThrow(
      /^invalid configuration: METRICS_PORT="nine": must be a port number, 0-65535/,
    );
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(
      /^invalid configuration: METRICS_PORT="70000": /,
    );
    expect(() => loadConfig({ METRICS_HOST: 'metrics.example' })).toThrow(
      /^invalid configuration: METRICS_HOST="metrics.example": must be an IP address or localhost/,
    );
    // A bad token is named but never echoed.
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(
      /^invalid configuration: METRICS_TOKEN=\(hidden\): must be 16-256 printable characters/,
    );
    expect(() => loadConfig({ METRICS_TOKEN: 'has a space in it, twenty+' })).toThrow(/METRICS_TOKEN/);
  });
});
