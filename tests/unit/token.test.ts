import { decodeJwt } from 'jose';
import { authConfigFromEnv, createVerifier } from '../../platform/auth';
import { mintToken } from '../../scripts/token';

const verify = (token: string) => createVerifier(authConfigFromEnv())(`Bearer ${token}`);

describe('npm run token', () => {
  it('mints a token the services accept, with the roles, subject and lifetime asked for', async () => {
    const token = await mintToken([
      'department:cases',
      'station:330681500001',
      '--sub',
      'cases-system',
      '--expires',
      '30d',
    ]);
    const { exp = 0, iat = 0 } = decodeJwt(token);
    expect({ viewer: await verify(token), lifetime: exp - iat }).toEqual({
      viewer: { sub: 'cases-system', roles: ['department:cases', 'station:330681500001'] },
      lifetime: 30 * 24 * 3600,
    });
  });

  it('carries the name the publisher is shown by, when asked for', async () => {
    const token = await mintToken(['assessor', '--sub', 'u-1024', '--name', '王建国']);
    expect(await verify(token)).toEqual({ sub: 'u-1024', name: '王建国', roles: ['assessor'] });
  });

  it('carries JWT_ISSUER and JWT_AUDIENCE when the services check them', async () => {
    Object.assign(process.env, { JWT_ISSUER: 'fengqiao', JWT_AUDIENCE: 'gateway' });
    try {
      const token = await mintToken(['admin']);
      expect({ viewer: await verify(token), claims: decodeJwt(token) }).toMatchObject({
        viewer: { sub: 'cli-admin', roles: ['admin'] },
        claims: { iss: 'fengqiao', aud: 'gateway' },
      });
    } finally {
      delete process.env.JWT_ISSUER;
      delete process.env.JWT_AUDIENCE;
    }
  });

  it.each([
    [[], 'name at least one role'],
    [['department:police'], '"department:police" is not a role'],
    [['department:cases:extra'], '"department:cases:extra" is not a role'],
    [['station:33068150000'], '"station:33068150000" is not a role'],
    [['Admin'], '"Admin" is not a role'],
    [['admin', '--sub'], '--sub needs a value'],
    [['admin', '--name'], '--name needs a value'],
  ])('refuses %j: %s', async (args, message) => {
    await expect(mintToken(args)).rejects.toThrow(message);
  });

  it('refuses without JWT_SECRET', async () => {
    const secret = process.env.JWT_SECRET;
    delete process.env.JWT_SECRET;
    try {
      await expect(mintToken(['admin'])).rejects.toThrow('JWT_SECRET is not set');
    } finally {
      process.env.JWT_SECRET = secret;
    }
  });
});
