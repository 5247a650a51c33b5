import 'reflect-metadata';

// Every service of a test run verifies tokens with this secret (tests/support/tokens.ts signs them).
process.env.JWT_SECRET = 'test-secret-not-for-production-0123456789';
