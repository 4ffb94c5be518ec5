import { AppConfig, ConfigError, DEVELOPMENT_SESSION_SECRET } from './app-config';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    AppConfig.fromEnvironment(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('AppConfig', () => {
  it('starts on the embedded default with no variable set', () => {
    const config = AppConfig.fromEnvironment({});
    expect(config.port).toBe(3000);
    expect(config.usesEmbeddedDatabase).toBe(true);
    expect(config.usesEmbeddedSearch).toBe(true);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.dataDir.endsWith('.data')).toBe(true);
    expect(config.searchIndexing).toBe('thread');
  });

  it('names every bad variable and says what it is for', () => {
    const problems = problemsOf({
      PORT: 'trois-mille',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'bavard',
      SEARCH_INDEXING: 'ailleurs',
    });
    expect(problems).toHaveLength(4);
    expect(
      problems.some((problem) => problem.startsWith('SEARCH_INDEXING: ') && problem.includes('worker thread')),
    ).toBe(true);
    expect(problems[0]).toMatch(/^PORT: .*HTTP port/);
    expect(problems.some((problem) => problem.startsWith('DATABASE_URL: ') && problem.includes('PostgreSQL'))).toBe(
      true,
    );
    expect(problems.some((problem) => problem.startsWith('LOG_LEVEL: '))).toBe(true);
  });

  it('refuses the development secret in production, and a search server without its key', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^SESSION_SECRET: must be set in production/),
    ]);
    expect(problemsOf({ NODE_ENV: 'production', SESSION_SECRET: DEVELOPMENT_SESSION_SECRET })).toHaveLength(1);
    const secret = 'x'.repeat(40);
    expect(problemsOf({ NODE_ENV: 'production', SESSION_SECRET: secret, MEILI_URL: 'http://meili:7700' })).toEqual([
      expect.stringMatching(/^MEILI_MASTER_KEY: required/),
    ]);
    expect(AppConfig.fromEnvironment({ NODE_ENV: 'production', SESSION_SECRET: secret }).isProduction).toBe(true);
  });

  it('comes back whole from its fields, as a worker thread receives it', () => {
    const config = AppConfig.fromEnvironment({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), PORT: '4000' });
    const revived = AppConfig.revive(structuredClone({ ...config }));
    expect(revived).toBeInstanceOf(AppConfig);
    expect(revived.isProduction).toBe(true);
    expect(revived.port).toBe(4000);
    expect({ ...revived }).toEqual({ ...config });
  });

  it('treats empty variables as unset', () => {
    expect(AppConfig.fromEnvironment({ DATABASE_URL: '', SMTP_URL: '' }).usesEmbeddedDatabase).toBe(true);
  });
});
