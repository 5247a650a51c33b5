import { claimsFromEnv, signToken } from '../../platform/auth';

function sign(name: string | null, roles: string[]): Promise<string> {
  return signToken(
    process.env.JWT_SECRET ?? '',
    { sub: `test-${roles.join('+') || 'nobody'}`, ...(name ? { name } : {}), roles },
    claimsFromEnv(),
  );
}

/** A bearer token for the given roles, signed with the test run's secret, issuer and audience. */
export function tokenFor(...roles: string[]): Promise<string> {
  return sign(null, roles);
}

/** A token as tokenFor signs it, also carrying the `name` claim a person is shown by. */
export function namedTokenFor(name: string, ...roles: string[]): Promise<string> {
  return sign(name, roles);
}
