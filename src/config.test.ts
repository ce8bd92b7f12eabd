import { describe, expect, it } from 'vitest';
import { ConfigError, devSignInAllowed, loadConfig } from './config.js';

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

describe('configuration fails closed (issue 14, item 5)', () => {
  const production = {
    PUBLIC_URL: 'https://fellestjenester.example',
    OIDC_ISSUER: 'https://idporten.example',
    OIDC_CLIENT_ID: 'ft',
    OIDC_CLIENT_SECRET: 's',
    SESSION_SECRET: 'x'.repeat(40),
  };

  it('keeps unset NODE_ENV as development, and treats every value but development and test as production', () => {
    expect(loadConfig({}).environment).toBe('development');
    expect(loadConfig({ NODE_ENV: 'development' }).environment).toBe('development');
    expect(loadConfig({ NODE_ENV: 'test' }).environment).toBe('test');
    for (const value of ['production', 'prod', 'staging', 'Production', 'developmnet', 'TEST', ' test']) {
      expect(() => loadConfig({ NODE_ENV: value }), value).toThrow(ConfigError);
      expect(loadConfig({ NODE_ENV: value, ...production }).environment, value).toBe('production');
    }
  });

  it('names every missing production setting, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'prod' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^PUBLIC_URL is required in production/);
    expect(lines[1]).toMatch(/^OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required in production/);
    expect(lines[2]).toMatch(/^SESSION_SECRET is required in production/);
  });

  it('requires an https PUBLIC_URL in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...production, PUBLIC_URL: 'http://fellestjenester.example' })).toThrow(/PUBLIC_URL must be https/);
    expect(loadConfig({ NODE_ENV: 'production', ...production }).publicUrl).toBe('https://fellestjenester.example');
  });

  it('loads the demo data only in development and test unless asked', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', ...production }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'staging', ...production }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ...production, SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(() => loadConfig({ SEED_DEMO: 'yes' })).toThrow(/SEED_DEMO must be true or false/);
  });

  it('runs the embedded development sign-in only in development, on loopback', () => {
    expect(devSignInAllowed(loadConfig({}))).toBe(true);
    expect(devSignInAllowed(loadConfig({ HOST: '127.0.0.1' }))).toBe(true);
    expect(devSignInAllowed(loadConfig({ HOST: '0.0.0.0' }))).toBe(false);
    expect(devSignInAllowed(loadConfig({ HOST: '10.0.0.5' }))).toBe(false);
    expect(devSignInAllowed(loadConfig({ PUBLIC_URL: 'https://fellestjenester.example' }))).toBe(false);
    expect(devSignInAllowed(loadConfig({ NODE_ENV: 'test' }))).toBe(false);
    expect(devSignInAllowed(loadConfig({ NODE_ENV: 'production', ...production }))).toBe(false);
  });

  it('trusts no proxy unless TRUST_PROXY names one (issue 14, item 6)', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ...production }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    for (const bad of ['true', '*', 'evil.example', '10.0.0.0/8; rm']) expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
  });

  it('sizes the PostgreSQL pool per process from DATABASE_POOL_SIZE (unset: the node\'s share, poolSizePerWorker), and refuses nonsense', () => {
    expect(loadConfig({}).databasePoolSize).toBeUndefined();
    expect(loadConfig({ DATABASE_POOL_SIZE: '25' }).databasePoolSize).toBe(25);
    for (const bad of ['0', '-1', 'ti', '2.5', '501']) expect(() => loadConfig({ DATABASE_POOL_SIZE: bad }), bad).toThrow(/DATABASE_POOL_SIZE/);
    expect(loadConfig({}).databaseSearchPoolSize).toBeUndefined();
    expect(loadConfig({ DATABASE_SEARCH_POOL_SIZE: '0' }).databaseSearchPoolSize).toBe(0);
    expect(loadConfig({ DATABASE_SEARCH_POOL_SIZE: '4' }).databaseSearchPoolSize).toBe(4);
    for (const bad of ['-1', 'to', '1.5', '101']) expect(() => loadConfig({ DATABASE_SEARCH_POOL_SIZE: bad }), bad).toThrow(/DATABASE_SEARCH_POOL_SIZE/);
  });
});
