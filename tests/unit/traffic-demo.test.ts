import { demoStations } from '../../demo/stations';
import { demoAccidents } from '../../subgraphs/traffic/seed';
import type { AccidentInput } from '../../subgraphs/traffic/record-inputs';

const city = demoAccidents('city');
const province = demoAccidents('province');

const inH1of2019 = (a: AccidentInput) =>
  a.occurredOn >= '2019-01-01' && a.occurredOn <= '2019-06-30';
const major = (a: AccidentInput) => a.deaths >= 3 && a.deaths <= 9;
const severe = (a: AccidentInput) => a.deaths >= 10;

function deaths(rows: AccidentInput[], from: string, to: string): number {
  return rows
    .filter((a) => a.occurredOn >= from && a.occurredOn <= to)
    .reduce((sum, a) => sum + a.deaths, 0);
}

// The assessment boards built on this data deduct points for 较大 accidents and veto a unit
// for a 重大 one: these are the facts they rely on.
describe('the demo accidents', () => {
  it('are the same on every run, with unique externalIds', () => {
    expect(demoAccidents('city')).toEqual(city);
    expect(new Set(city.map((a) => a.externalId)).size).toBe(city.length);
    expect(new Set(province.map((a) => a.externalId)).size).toBe(province.length);
  });

  it('give 绍兴 three 较大 accidents, one in 2019-H1, and one 重大 one after it', () => {
    const majors = city.filter(major);
    expect(majors).toHaveLength(3);
    expect(majors.filter(inH1of2019)).toHaveLength(1);
    const severes = city.filter(severe);
    expect(severes).toHaveLength(1);
    expect(severes[0]?.occurredOn.slice(0, 7)).toBe('2019-09');
  });

  it("give the province 绍兴's 重大 accident and one more, outside 绍兴 in 2019-H1", () => {
    const severes = province.filter(severe);
    expect(severes).toHaveLength(2);
    const outside = severes.filter((a) => !a.stationCode.startsWith('3306'));
    expect(outside).toHaveLength(1);
    const [accident] = outside;
    expect(accident && inH1of2019(accident)).toBe(true);
    const station = demoStations('province').find((s) => s.code === accident?.stationCode);
    expect(station?.divisionCode.startsWith('3306')).toBe(false);
  });

  it("cut 绍兴's road deaths in 2019-H1 as the seed article says, −39.4% to a tenth", () => {
    const before = deaths(city, '2018-01-01', '2018-06-30');
    const after = deaths(city, '2019-01-01', '2019-06-30');
    expect(Math.round((after / before - 1) * 1000) / 10).toBe(-39.4);
  });
});
