import { claimsFromEnv, signToken } from '../../platform/auth';

/** A bearer token for the given roles, signed with the test run's secret, issuer and audience. */
export function tokenFor(...roles: string[]): Promise<string> {
  return signToken(
    process.env.JWT_SECRET ?? '',
    { sub: `test-${roles.join('+') || 'nobody'}`, roles },
    claimsFromEnv(),
  );
}
