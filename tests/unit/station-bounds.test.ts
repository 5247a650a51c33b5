import { stationsPerScopeFromEnv } from '../../subgraphs/stations/scope-bounds';

const VARIABLES = ['MAX_STATIONS_PER_COUNTY', 'MAX_STATIONS_PER_CITY', 'MAX_STATIONS_PER_PROVINCE'];
afterEach(() => VARIABLES.forEach((name) => delete process.env[name]));

describe('the stations a scope may hold', () => {
  it('is 1,200 at every level by default: the size the schema prices', () => {
    expect(stationsPerScopeFromEnv()).toEqual({ county: 1200, city: 1200, province: 1200 });
  });

  it('may be set lower, level by level', () => {
    process.env.MAX_STATIONS_PER_COUNTY = '80';
    expect(stationsPerScopeFromEnv()).toEqual({ county: 80, city: 1200, province: 1200 });
  });

  it('may not be set above what the schema prices, nor to 0', () => {
    process.env.MAX_STATIONS_PER_PROVINCE = '5000';
    expect(stationsPerScopeFromEnv).toThrow('MAX_STATIONS_PER_PROVINCE is 5000');
    process.env.MAX_STATIONS_PER_PROVINCE = '0';
    expect(stationsPerScopeFromEnv).toThrow('MAX_STATIONS_PER_PROVINCE must be at least 1');
  });
});
