import { namesOf, scopeLevels } from '../../../web/screen/src/divisions';

describe('the scope pickers', () => {
  it('place a scope at its province, city and county', () => {
    expect(scopeLevels('330000')).toEqual({ province: '330000', city: '', county: '' });
    expect(scopeLevels('330600')).toEqual({ province: '330000', city: '330600', county: '' });
    expect(scopeLevels('330681')).toEqual({ province: '330000', city: '330600', county: '330681' });
  });

  it('name every division of the tree', () => {
    const names = namesOf([
      {
        code: '330000',
        name: '浙江省',
        children: [
          { code: '330600', name: '绍兴市', children: [{ code: '330681', name: '诸暨市' }] },
        ],
      },
    ]);
    expect([...names]).toEqual([
      ['330000', '浙江省'],
      ['330600', '绍兴市'],
      ['330681', '诸暨市'],
    ]);
  });
});
