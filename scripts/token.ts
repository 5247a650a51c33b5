import 'reflect-metadata';
import { isKnownRole } from '../platform/access';
import { claimsFromEnv, signToken } from '../platform/auth';
import { envVar } from '../platform/config';
import { ROLE_DEPARTMENTS } from '../subgraphs/kit/service/registry';

const USAGE =
  'usage: npm run -s token -- <role> [<role> ...] [--sub <who>] [--name <shown as>] [--expires <time, e.g. 30d>]\n' +
  `roles: admin, assessor, ${ROLE_DEPARTMENTS.map((d) => `department:${d}`).join(', ')}, ` +
  'station:<12-digit code>';

/**
 * `npm run token -- <role>...`: a bearer token for operators and department systems, signed
 * with JWT_SECRET (HS256) and carrying JWT_ISSUER/JWT_AUDIENCE when set, as the services check.
 * Refuses a role the platform does not know, which would sign a token that grants nothing.
 */
export async function mintToken(args: readonly string[]): Promise<string> {
  const roles: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--sub' || arg === '--name' || arg === '--expires') {
      const value = args[(i += 1)];
      if (!value) throw new Error(`${arg} needs a value\n${USAGE}`);
      options[arg.slice(2)] = value;
    } else if (!isKnownRole(arg, ROLE_DEPARTMENTS)) {
      throw new Error(`"${arg}" is not a role\n${USAGE}`);
    } else {
      roles.push(arg);
    }
  }
  if (roles.length === 0) throw new Error(`name at least one role\n${USAGE}`);
  const secret = envVar('JWT_SECRET');
  if (!secret) {
    throw new Error(
      'JWT_SECRET is not set: tokens are signed with the secret the services verify them with',
    );
  }
  return signToken(
    secret,
    {
      sub: options.sub ?? `cli-${roles.join('+')}`,
      ...(options.name ? { name: options.name } : {}),
      roles,
    },
    { ...claimsFromEnv(), ...(options.expires ? { expiresIn: options.expires } : {}) },
  );
}

if (require.main === module) {
  mintToken(process.argv.slice(2)).then(
    (token) => console.log(token),
    (error: unknown) => {
      console.error((error as Error).message);
      process.exit(2);
    },
  );
}
