import { demoStations } from '../../demo/stations';
import type { DemoProfile } from '../../demo/profile';
import { Random } from '../../demo/random';
import type { Scheme } from '../../subgraphs/assessment/scheme/scheme';
import type { StationIndicators } from '../../subgraphs/kit/contract/board-contract';
import { DEPARTMENT_REGISTRY } from '../../subgraphs/kit/service/registry';

/**
 * The board as the gateway hands it to the assessment subgraph for `rows`: the stations of a
 * demo profile (the province's 1,178, 绍兴's 92) and, per department, every station's values of the indicators the scheme uses,
 * as a department sends them (counts as integers, rates as the raw quotient with its sample).
 * The values are drawn, the same on every run: the scorer's cost does not depend on which
 * station has which figure, only on how many there are and on their kind.
 */
export function boardOf(
  profile: DemoProfile,
  scheme: Scheme,
  period: string,
): Record<string, unknown> {
  const stations = demoStations(profile).map(({ code }) => ({ code }));
  const rates = new Set(scheme.indicators.filter((i) => i.method === 'RATE').map((i) => i.key));
  const board: Record<string, unknown> = {
    __typename: 'AssessmentBoard',
    scope: profile === 'city' ? '330600' : '330000',
    period,
    schemeId: scheme.id,
  };
  for (const entry of DEPARTMENT_REGISTRY) {
    const keys = [
      ...new Set(
        [...scheme.indicators, ...scheme.deductions, ...scheme.vetoes]
          .filter((rule) => rule.department === entry.enum)
          .map((rule) => rule.key),
      ),
    ];
    board[entry.board.field] = stations.map(({ code }): StationIndicators => {
      const random = new Random(`${code}|${entry.enum}`);
      const rate = () => {
        const sample = random.int(0, 60);
        return sample === 0
          ? { current: null, sample }
          : { current: random.int(0, sample) / sample, sample };
      };
      return {
        stationCode: code,
        values: keys.map((key) => {
          if (!rates.has(key)) {
            return { key, current: random.int(0, 12), baseline: random.int(0, 12), sample: null };
          }
          const current = rate();
          return { key, ...current, baseline: rate().current };
        }),
      };
    });
  }
  // Last, as the gateway sends them (department-fields.ts, ROWS_REQUIRE).
  board.stations = stations;
  return board;
}
