import { EmbeddedDatabase, socketDirectoryOf } from './embedded-postgres';

describe('the embedded cluster’s socket', () => {
  it('lives in the cluster’s folder when its path fits a socket address', () => {
    expect(socketDirectoryOf('/var/lib/maillage/postgres')).toBe('/var/lib/maillage/postgres');
    expect(socketDirectoryOf(`/${'d'.repeat(91)}`)).toBe(`/${'d'.repeat(91)}`);
  });

  it('is left out, TCP alone, for a folder whose socket path would be too long or that needs quoting', () => {
    expect(socketDirectoryOf(`/${'d'.repeat(92)}`)).toBeUndefined();
    expect(socketDirectoryOf('/srv/données,2026/postgres')).toBeUndefined();
    expect(socketDirectoryOf('/srv/mes données/postgres')).toBeUndefined();
  });

  it('is named in the connection string, which keeps the TCP port for tools', () => {
    const url = new URL(EmbeddedDatabase.connectionUrl('mot de passe', 54_321, '/var/lib/maillage/postgres'));
    expect(url.port).toBe('54321');
    expect(url.pathname).toBe('/maillage');
    expect(url.searchParams.get('host')).toBe('/var/lib/maillage/postgres');
    expect(new URL(EmbeddedDatabase.connectionUrl('x', 54_321, `/${'d'.repeat(92)}`)).search).toBe('');
  });
});
