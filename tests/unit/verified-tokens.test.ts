import { createVerifier, signToken } from '../../platform/auth';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!';
const verify = createVerifier({ secret: new TextEncoder().encode(SECRET) });

describe('a verified token, remembered', () => {
  afterEach(() => jest.useRealTimers());

  it('is refused once it expires, as a token verified afresh is', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const token = await signToken(
      SECRET,
      { sub: 'u-1', roles: ['assessor'] },
      { expiresIn: '60s' },
    );
    const viewer = { sub: 'u-1', roles: ['assessor'] };
    expect(await verify(`Bearer ${token}`)).toEqual(viewer);
    jest.setSystemTime(new Date('2026-01-01T00:00:59Z'));
    expect(await verify(`Bearer ${token}`)).toEqual(viewer);
    jest.setSystemTime(new Date('2026-01-01T00:01:00Z'));
    await expect(verify(`Bearer ${token}`)).rejects.toThrow('invalid bearer token: expired');
  });

  it('hands every request a viewer it cannot change', async () => {
    const token = await signToken(SECRET, { sub: 'u-2', roles: ['station:330681500001'] });
    const first = await verify(`Bearer ${token}`);
    expect(await verify(`Bearer ${token}`)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first?.roles)).toBe(true);
  });

  it('is the same token only: one changed character is verified, and refused', async () => {
    const token = await signToken(SECRET, { sub: 'u-3', roles: ['admin'] });
    await verify(`Bearer ${token}`);
    const forged = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`;
    await expect(verify(`Bearer ${forged}`)).rejects.toThrow('invalid bearer token');
  });
});
