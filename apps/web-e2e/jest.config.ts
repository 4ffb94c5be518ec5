import type { Config } from 'jest';

const config: Config = {
  displayName: 'web-e2e',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { swcrc: false, ...require('../../jest.swc.json') }] },
  globalSetup: '<rootDir>/src/support/start-platform.ts',
  globalTeardown: '<rootDir>/src/support/stop-platform.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
};

export default config;
