import 'reflect-metadata';

// Every service of a test run verifies tokens with this secret (tests/support/tokens.ts signs them).
process.env.JWT_SECRET = 'test-secret-not-for-production-0123456789';
// The gateway signs its requests to subgraphs with this one; tests that call a subgraph directly
// mint the same proof (Platform.querySubgraph, proofHeaders).
process.env.SUBGRAPH_SECRET = 'test-subgraph-secret-not-for-production-0123';
