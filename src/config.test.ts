import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration for sign-in, sessions and mail', () => {
  it('has safe development defaults: no issuer (the embedded provider), generated secret, no SMTP', () => {
    const c = loadConfig({});
    expect(c.oidc).toBeUndefined();
    expect(c.sessionSecret).toBeUndefined();
    expect(c.smtpUrl).toBeUndefined();
    expect(c.devOidcPort).toBe(3001);
    expect(c.apiAudience).toBe('http://localhost:3000/api/v1');
    expect(c.sessionIdleMinutes).toBe(60);
  });

  it('reads the identity provider and refuses half a configuration', () => {
    const c = loadConfig({ OIDC_ISSUER: 'https://idporten.example/', OIDC_CLIENT_ID: 'ft', OIDC_CLIENT_SECRET: 's' });
    expect(c.oidc).toEqual({ issuer: 'https://idporten.example', clientId: 'ft', clientSecret: 's', promptLogin: false });
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idporten.example' })).toThrow(/OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    expect(() => loadConfig({ OIDC_ISSUER: 'idporten', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' })).toThrow(ConfigError);
  });

  it('requires an identity provider in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/required in production/);
  });

  it('refuses a short session secret and an SMTP URL that is not smtp', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/at least 32/);
    expect(loadConfig({ SESSION_SECRET: 'x'.repeat(32) }).sessionSecret).toHaveLength(32);
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/smtp:\/\//);
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'a@b.no' })).toMatchObject({ smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: 'a@b.no' });
  });
});
