import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SANDBOX } from '../../server/env';

describe('loadConfig', () => {
  it('runs in sandbox mode with the documented defaults when no Meta token is set', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('sandbox');
    expect(c.port).toBe(8787);
    expect(c.dataDir).toBe('./data');
    expect(c.defaultRegion).toBe('TR');
    expect(c.whatsapp).toMatchObject({
      accessToken: SANDBOX.accessToken,
      wabaId: '200000000000001',
      phoneNumberId: '100000000000001',
      appSecret: 'sandbox-app-secret',
    });
    expect(c.whatsapp.graphUrl).toBe('http://127.0.0.1:8787/sandbox/graph');
  });

  it('switches to live mode with a token and requires the other Meta settings', () => {
    expect(() => loadConfig({ WHATSAPP_ACCESS_TOKEN: 'EAAG-live' })).toThrow(ConfigError);
    try {
      loadConfig({ WHATSAPP_ACCESS_TOKEN: 'EAAG-live' });
    } catch (e) {
      expect((e as ConfigError).issues).toEqual(
        expect.arrayContaining([expect.stringContaining('WHATSAPP_APP_SECRET'), expect.stringContaining('WHATSAPP_WABA_ID')]),
      );
    }
    const live = loadConfig({
      WHATSAPP_ACCESS_TOKEN: 'EAAG-live',
      WHATSAPP_PHONE_NUMBER_ID: '1',
      WHATSAPP_WABA_ID: '2',
      WHATSAPP_APP_SECRET: 's3cret-app',
      WHATSAPP_VERIFY_TOKEN: 'verify-me',
    });
    expect(live.mode).toBe('live');
    expect(live.whatsapp.graphUrl).toBe('https://graph.facebook.com');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ KOPRU_DEFAULT_REGION: 'turkey' }, 'KOPRU_DEFAULT_REGION'],
    [{ WHATSAPP_API_VERSION: '25' }, 'WHATSAPP_API_VERSION'],
    [{ KOPRU_LOG_LEVEL: 'loud' }, 'KOPRU_LOG_LEVEL'],
  ])('names the bad field: %o', (env, field) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(field));
  });

  it('splits comma lists', () => {
    const c = loadConfig({ KOPRU_ALLOWED_ORIGINS: 'chrome-extension://a, chrome-extension://b', KOPRU_OPTOUT_KEYWORDS: 'HAYIR,VAZGEÇ' });
    expect(c.allowedOrigins).toEqual(['chrome-extension://a', 'chrome-extension://b']);
    expect(c.optOutKeywords).toEqual(['HAYIR', 'VAZGEÇ']);
  });
});
