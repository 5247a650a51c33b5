import { countOf, sumOf, zeroFigures } from '../../subgraphs/kit/figures/figure-sources';

describe('zero figures, derived from the sources', () => {
  it('holds every figure of every source at 0', () => {
    const zero = zeroFigures<{ filed: number; deaths: number; received: number }>([
      { table: 'accident', dateColumn: 'occurred_on', figures: { filed: countOf() } },
      { table: 'accident', dateColumn: 'occurred_on', figures: { deaths: sumOf('deaths') } },
      { table: 'dispute', dateColumn: 'received_on', figures: { received: countOf() } },
    ]);
    expect(zero()).toEqual({ filed: 0, deaths: 0, received: 0 });
  });

  it('gives a fresh object each time: a division sums its stations into one', () => {
    const zero = zeroFigures<{ filed: number }>([
      { table: 'accident', dateColumn: 'occurred_on', figures: { filed: countOf() } },
    ]);
    const total = zero();
    total.filed += 3;
    expect(zero()).toEqual({ filed: 0 });
  });
});
