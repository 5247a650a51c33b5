import { count, share } from '../../subgraphs/kit/figures/indicators';
import { countOf, sumOf, type FiguresSource } from '../../subgraphs/kit/figures/figure-sources';
import { indicatorListings, type ListedKind } from '../../subgraphs/kit/records/record-listing';

interface Figures {
  filed: number;
  solved: number;
  deaths: number;
  received: number;
  mediated: number;
}

const KINDS: ListedKind[] = [
  { table: 'criminal_case', type: class CriminalCase {}, dateColumn: 'filed_on' },
  { table: 'dispute', type: class Dispute {}, dateColumn: 'received_on' },
];

const SOURCES: FiguresSource<keyof Figures>[] = [
  { table: 'criminal_case', dateColumn: 'filed_on', figures: { filed: countOf() } },
  {
    table: 'criminal_case',
    dateColumn: 'solved_on',
    where: 'solved_on IS NOT NULL',
    figures: { solved: countOf("category = 'X'"), deaths: sumOf('deaths') },
  },
  {
    table: 'dispute',
    dateColumn: 'received_on',
    figures: { received: countOf(), mediated: countOf("outcome = 'MEDIATED'") },
  },
];

describe('the records behind each indicator, derived from the figures', () => {
  it('lists by the date and conditions the figure was counted by', () => {
    const listings = indicatorListings<Figures>(
      'cases',
      SOURCES,
      {
        filed: count('立案', 'filed'),
        solved: count('破案', 'solved'),
        deaths: count('死亡', 'deaths'),
        mediationRate: share('调解率', 'mediated', 'received'),
      },
      KINDS,
    );
    expect(Object.fromEntries(listings)).toEqual({
      'cases.filed': {
        kind: 0,
        dateColumn: 'filed_on',
        where: [],
        counts: '1',
        totals: { rows: ['filed'], figure: 'filed' },
      },
      'cases.solved': {
        kind: 0,
        dateColumn: 'solved_on',
        where: ['solved_on IS NOT NULL', "category = 'X'"],
        counts: '1',
        totals: { rows: ['solved'], figure: 'solved' },
      },
      // A sum's records are those that add to it.
      'cases.deaths': {
        kind: 0,
        dateColumn: 'solved_on',
        where: ['solved_on IS NOT NULL', 'deaths > 0'],
        counts: 'r.deaths',
        // The records that add to a sum are no figure: they are counted.
        totals: null,
      },
      // A rate's records are its sample, each counting 1 when the numerator counts it.
      'cases.mediationRate': {
        kind: 1,
        dateColumn: 'received_on',
        where: [],
        counts: "CASE WHEN outcome = 'MEDIATED' THEN 1 ELSE 0 END",
        totals: { rows: ['received'], figure: 'mediated' },
      },
    });
  });

  it.each([
    [
      'a figure no source makes',
      { x: count<Figures>('x', 'filed') },
      [SOURCES[1], SOURCES[2]],
      KINDS,
      'cases.x: no statistics source makes figure filed',
    ],
    [
      'a source without a record kind',
      { x: count<Figures>('x', 'received') },
      SOURCES,
      [KINDS[0]],
      'cases.x: no record kind is stored in dispute',
    ],
    [
      'a rate whose parts come from different sources',
      { x: share<Figures>('x', 'solved', 'filed') },
      SOURCES,
      KINDS,
      "cases.x: a rate counts rows of its sample's own source",
    ],
  ])(
    'refuses %s, so the department does not start',
    (_case, indicators, sources, kinds, message) => {
      expect(() => indicatorListings<Figures>('cases', sources, indicators, kinds)).toThrow(
        message,
      );
    },
  );
});
