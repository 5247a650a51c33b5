import { suiteOptions } from '../../scripts/conformance/main';

/** `npm run conformance -- …`: what it takes from its arguments and the environment. */
describe('npm run conformance', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('needs the department and its URL, and says how to call it', () => {
    expect(() => suiteOptions(['--name', 'fire'])).toThrow(/usage: npm run conformance/);
  });

  it('needs JWT_SECRET, the secret its tokens are signed with', () => {
    delete process.env.JWT_SECRET;
    expect(() => suiteOptions(['--name', 'fire', '--url', 'http://x/graphql'])).toThrow(
      /JWT_SECRET is not set/,
    );
  });

  it('defaults to the article: 绍兴, 2019-H1, the default scheme; signs proofs with SUBGRAPH_SECRET', () => {
    process.env.JWT_SECRET = 'a-secret';
    process.env.SUBGRAPH_SECRET = 'a-subgraph-secret';
    delete process.env.GATEWAY_URL;
    expect(suiteOptions(['--name', 'fire', '--url', 'http://x/graphql'])).toEqual({
      name: 'fire',
      url: 'http://x/graphql',
      gateway: 'http://localhost:4000/graphql',
      scope: '330600',
      period: '2019-H1',
      scheme: 'fengqiao-2019@1',
      jwtSecret: 'a-secret',
      subgraphSecret: 'a-subgraph-secret',
    });
  });

  it('takes the stations and the gateway it is given', () => {
    process.env.JWT_SECRET = 'a-secret';
    delete process.env.SUBGRAPH_SECRET;
    const options = suiteOptions([
      ...['--name', 'cases', '--url', 'http://x/graphql', '--gateway', 'http://g/graphql'],
      ...['--station', '330602600101', '--other-station', '330602600102', '--period', '2019'],
    ]);
    expect(options).toMatchObject({
      gateway: 'http://g/graphql',
      station: '330602600101',
      otherStation: '330602600102',
      period: '2019',
    });
    expect(options).not.toHaveProperty('subgraphSecret');
  });
});
