module.exports = { testEnvironment: 'node', transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] }, testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'] };
