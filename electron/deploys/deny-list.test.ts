import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CockpitError } from '../../shared/rpc';
import { deniedByName, deniedFile, deniedName, namedDeniedError } from './deny-list';

const root = mkdtempSync(join(tmpdir(), 'cockpit-deny-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const none: readonly string[] = [];

describe('the release deny list', () => {
  it('names private keys, journals and version control', () => {
    for (const key of ['id_rsa', 'id_ed25519', 'id_ecdsa_sk', 'server.pem', 'ssh_host_rsa_key', 'tls_key']) {
      expect(deniedName(key, key, false, none)).toBe('private key');
    }
    expect(deniedName('id_ed25519.pub', 'id_ed25519.pub', false, none)).toBeNull();
    for (const journal of ['journal.db', 'journal.db-wal', 'journal.db-shm']) {
      expect(deniedName(journal, journal, false, none)).toBe("the cockpit's journal");
    }
    expect(deniedName('.git', '.git', true, none)).toBe('version control');
    expect(deniedName('dist', 'dist', true, none)).toBeNull();
    expect(deniedName('index.js', 'index.js', false, none)).toBeNull();
  });

  it('lets an .env file ship only when its path is listed under shared:', () => {
    expect(deniedName('.env', '.env', false, none)).toBe('not under shared:');
    expect(deniedName('.env.production', 'config/.env.production', false, none)).toBe('not under shared:');
    expect(deniedName('.env', '.env', false, ['.env'])).toBeNull();
    expect(deniedName('.env', 'config/.env', false, ['config'])).toBeNull();
    expect(deniedName('.env', 'other/.env', false, ['config'])).toBe('not under shared:');
  });

  it('finds a private key by its first bytes whatever its name, and only then', async () => {
    const key = join(root, 'deploy-credentials.txt');
    writeFileSync(key, '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n-----END OPENSSH PRIVATE KEY-----\n');
    expect(await deniedFile(key, 'deploy-credentials.txt', { shared: none })).toBe('private key');
    const rsa = join(root, 'legacy.txt');
    writeFileSync(rsa, '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n');
    expect(await deniedFile(rsa, 'legacy.txt', { shared: none })).toBe('private key');
    const cert = join(root, 'cert.crt');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nMIIB\n');
    expect(await deniedFile(cert, 'cert.crt', { shared: none })).toBeNull();
    const docs = join(root, 'README.md');
    writeFileSync(docs, 'How to make a key: ssh-keygen. It starts with -----BEGIN OPENSSH PRIVATE KEY-----\n');
    expect(await deniedFile(docs, 'README.md', { shared: none })).toBeNull();
  });

  it('recognises a cockpit data folder by the journal it holds, or by being the one named', () => {
    const data = join(root, 'data');
    mkdirSync(data);
    expect(deniedByName(data, 'data', true, { shared: none })).toBeNull();
    expect(deniedByName(data, 'data', true, { shared: none, dataDir: data })).toBe("the cockpit's data folder");
    writeFileSync(join(data, 'journal.db'), '');
    expect(deniedByName(data, 'data', true, { shared: none })).toBe("the cockpit's data folder");
  });

  it('explains a named denied path and what to do instead', () => {
    const error = namedDeniedError(
      'build.upload lists "id_ed25519"',
      'id_ed25519',
      'private key',
      'keep it out of build.upload',
    );
    expect(error).toBeInstanceOf(CockpitError);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe(
      'build.upload lists "id_ed25519", which is a private key; releases never carry keys — keep it out of build.upload.',
    );
  });
});
