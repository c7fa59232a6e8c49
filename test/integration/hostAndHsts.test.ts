import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { backends, startTestSystem } from '../support/testSystem';
import { anonymous, closeTestSystem } from './helpers';

jest.setTimeout(60_000);

describe('HOST', () => {
  it('is the listen address; unset, the server listens on all interfaces', () => {
    expect(loadConfig({ HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({}).host).toBeUndefined();
    expect(loadConfig({ HOST: '' }).host).toBeUndefined();
  });

  it('makes the server listen on that address only', async () => {
    const t = await startTestSystem('pglite', { HOST: '127.0.0.1' });
    try {
      const server = await t.system.listen();
      expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await closeTestSystem(t);
    }
  });
});

describe.each(backends)('Strict-Transport-Security (%s)', (backend) => {
  it('is sent in production only', async () => {
    const production = await startTestSystem(backend, { NODE_ENV: 'production', SOP_CLOCK: 'system', SOP_CLOCK_START: '' });
    try {
      expect((await anonymous(production.system).get('/api/health')).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await closeTestSystem(production);
    }
    const test = await startTestSystem(backend);
    try {
      expect((await anonymous(test.system).get('/api/health')).headers['strict-transport-security']).toBeUndefined();
    } finally {
      await closeTestSystem(test);
    }
  });
});
