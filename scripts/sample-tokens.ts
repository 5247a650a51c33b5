import { claimsFromEnv, signToken } from '../platform/auth';
import { ROLE_DEPARTMENTS } from '../subgraphs/kit/service/registry';

/** 诸暨市公安局枫桥派出所 in the demo data. */
export const FENGQIAO_STATION = '330681500001';

const SAMPLE_ROLES = [
  'admin',
  'assessor',
  ...ROLE_DEPARTMENTS.map((name) => `department:${name}`),
  `station:${FENGQIAO_STATION}`,
];

/** The names the demo's people are shown by (the `name` claim), where the screen names them. */
const SAMPLE_NAMES: Record<string, string> = {
  admin: '平台管理员（演示）',
  assessor: '市委政法委考核办（演示）',
};

/** One token per role, for a newcomer to paste into GraphiQL or curl. */
export async function sampleTokens(secret: string): Promise<{ role: string; token: string }[]> {
  return Promise.all(
    SAMPLE_ROLES.map(async (role) => ({
      role,
      token: await signToken(
        secret,
        {
          sub: `demo-${role.replace(':', '-')}`,
          ...(SAMPLE_NAMES[role] ? { name: SAMPLE_NAMES[role] } : {}),
          roles: [role],
        },
        claimsFromEnv(),
      ),
    })),
  );
}
