import { ZHEJIANG_DIVISIONS, type DivisionRecord } from '../subgraphs/stations/divisions';
import { ARTICLE_SOCIAL_ORGANIZATIONS } from './article';
import type { DemoProfile } from './profile';
import { Random } from './random';

type CreationStatus =
  'NOT_STARTED' | 'IN_PROGRESS' | 'NAMED_CITY' | 'NAMED_PROVINCIAL' | 'NAMED_NATIONAL';

/**
 * What a station is like, year after year: what makes its figures of one period resemble the
 * next, so a ranking tells stations apart rather than their luck. Drawn from a stream of its own
 * (`character|<code>`), so the registry's fields stay what they were.
 */
interface StationCharacter {
  /**
   * Its incidents (crimes, disputes, accidents, complaints) per resident against the city's
   * average of 1: a market town on a highway is busier than a mountain township. 0.6 to 1.6.
   */
  workload: number;
  /**
   * The yearly change of its incidents from its own policing, as a natural logarithm, −0.6 to
   * +0.6: −0.3 is about a quarter fewer each year, +0.3 a third more; the city's change of 2019
   * comes on top. The same trend moves its clearances and commendations the other way.
   */
  trend: number;
  /**
   * How well it works, in [−1, 1]: the cases it solves, the disputes it settles, what its
   * residents answer the survey firm, the complaints found justified and the commendations.
   */
  standing: number;
}

export interface DemoStation {
  code: string;
  name: string;
  divisionCode: string;
  address: string;
  brand: string | null;
  creationStatus: CreationStatus;
  officers: number;
  population: number;
  socialOrganizations: number;
  /** Not part of the registry: what its department records are drawn from. */
  character: StationCharacter;
}

/** Zhejiang had 1,178 police stations (派出所) in 2019. */
const PROVINCE_STATIONS = 1178;

/**
 * The towns and streets of 绍兴's counties, one station each. A county's older stations keep
 * the code prefix they were issued under (绍兴县 330621 became 柯桥区, 上虞市 330682 became
 * 上虞区), which is why a station's county is stored and never read off its code.
 */
// prettier-ignore
const SHAOXING: { county: string; bureau: string; oldPrefix?: string; towns: string[] }[] = [
  { county: '330602', bureau: '越城区分局', towns: ['府山', '北海', '塔山', '城南', '稽山', '东湖', '鉴湖', '灵芝', '皋埠', '陶堰', '东浦', '马山', '孙端', '斗门', '富盛'] },
  { county: '330603', bureau: '柯桥区分局', oldPrefix: '330621', towns: ['兰亭', '柯桥', '柯岩', '华舍', '齐贤', '安昌', '杨汛桥', '钱清', '福全', '湖塘', '平水', '王坛', '稽东', '漓渚', '夏履', '马鞍'] },
  { county: '330604', bureau: '上虞区分局', oldPrefix: '330682', towns: ['百官', '曹娥', '东关', '崧厦', '沥海', '道墟', '章镇', '丰惠', '梁湖', '小越', '驿亭', '永和', '汤浦', '下管', '长塘', '盖北'] },
  { county: '330624', bureau: '新昌县公安局', towns: ['南明', '七星', '羽林', '沙溪', '儒岙', '澄潭', '镜岭', '回山', '大市聚', '小将', '梅渚', '新林', '东茗'] },
  { county: '330681', bureau: '诸暨市公安局', towns: ['枫桥', '暨阳', '浣东', '陶朱', '店口', '大唐', '次坞', '牌头', '安华', '璜山', '街亭', '赵家', '东白湖', '马剑', '五泄', '同山', '应店街', '山下湖'] },
  { county: '330683', bureau: '嵊州市公安局', towns: ['剡湖', '三江', '鹿山', '浦口', '甘霖', '长乐', '崇仁', '黄泽', '石璜', '三界', '仙岩', '谷来', '金庭', '北漳'] },
];

/** The seed article's stations and their brands (品牌). */
const KNOWN: Record<string, { brand: string; creationStatus: CreationStatus }> = {
  诸暨市公安局枫桥派出所: { brand: '老杨调解中心', creationStatus: 'NAMED_NATIONAL' },
  柯桥区分局兰亭派出所: { brand: '尚明工作室', creationStatus: 'NAMED_PROVINCIAL' },
  越城区分局府山派出所: { brand: '邻舍警务', creationStatus: 'NAMED_PROVINCIAL' },
};

const divisionByCode = new Map(ZHEJIANG_DIVISIONS.map((d) => [d.code, d]));

function division(code: string): DivisionRecord {
  const found = divisionByCode.get(code);
  if (!found) throw new Error(`no division ${code}`);
  return found;
}

function bureauOf(county: DivisionRecord): string {
  return county.name.endsWith('区') ? `${county.name}分局` : `${county.name}公安局`;
}

/**
 * A station's character. Standing and trend go together loosely (a station that works well
 * tends to improve), each with a spread of its own; named stations (品牌) stand a little higher.
 */
function characterOf(code: string, named: boolean): StationCharacter {
  const random = new Random(`character|${code}`);
  const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
  const standing = clamp(0.5 * random.normal() + (named ? 0.4 : 0), -1, 1);
  return {
    workload: clamp(Math.exp(0.28 * random.normal()), 0.6, 1.6),
    trend: clamp(0.3 * random.normal() - 0.15 * standing, -0.6, 0.6),
    standing,
  };
}

const STATUSES: [CreationStatus, number][] = [
  ['NAMED_PROVINCIAL', 0.08],
  ['NAMED_CITY', 0.3],
  ['IN_PROGRESS', 0.75],
  ['NOT_STARTED', 1],
];

function makeStation(
  code: string,
  name: string,
  county: DivisionRecord,
  place: string,
): DemoStation {
  const random = new Random(code);
  const population = Math.round(18_000 + 90_000 * random.next() ** 2);
  const known = KNOWN[name];
  const draw = random.next();
  const city = division(county.parentCode ?? '');
  return {
    code,
    name,
    divisionCode: county.code,
    address: `浙江省${city.name}${county.name}${place}${random.pick(['人民路', '解放路', '中心路', '新华路', '建设路'])}${random.int(1, 300)}号`,
    brand: known?.brand ?? null,
    creationStatus:
      known?.creationStatus ?? STATUSES.find(([, upTo]) => draw < upTo)?.[0] ?? 'NOT_STARTED',
    officers: Math.round(population / 1200) + random.int(8, 20),
    population,
    // About one a station: 绍兴's 92 stations count the article's 98 (see shaoxingStations).
    socialOrganizations: random.int(0, 2),
    character: characterOf(code, known !== undefined),
  };
}

function code(prefix: string, sequence: number): string {
  return `${prefix}5${String(sequence).padStart(5, '0')}`;
}

/**
 * 绍兴's stations, their social organizations nudged one at a time (a random station gains or
 * loses one) until the city counts the article's 98.
 */
function shaoxingStations(): DemoStation[] {
  const stations = SHAOXING.flatMap(({ county, bureau, oldPrefix, towns }) =>
    towns.map((town, i) => {
      // The older half of a merged county's stations still carry the old prefix.
      const prefix = oldPrefix && i % 2 === 1 ? oldPrefix : county;
      return makeStation(
        code(prefix, i + 1),
        `${bureau}${town}派出所`,
        division(county),
        `${town}`,
      );
    }),
  );
  const random = new Random('article|social-organizations');
  let total = stations.reduce((sum, s) => sum + s.socialOrganizations, 0);
  while (total !== ARTICLE_SOCIAL_ORGANIZATIONS) {
    const station = random.pick(stations);
    const step = total < ARTICLE_SOCIAL_ORGANIZATIONS ? 1 : -1;
    if (station.socialOrganizations + step < 0) continue;
    station.socialOrganizations += step;
    total += step;
  }
  return stations;
}

function provinceStations(): DemoStation[] {
  const shaoxing = shaoxingStations();
  const others = ZHEJIANG_DIVISIONS.filter(
    (d) => d.level === 'COUNTY' && d.parentCode !== '330600',
  );
  const remaining = PROVINCE_STATIONS - shaoxing.length;
  return [
    ...shaoxing,
    ...others.flatMap((county, c) => {
      // Spread the remaining stations as evenly as whole numbers allow.
      const count =
        Math.floor(((c + 1) * remaining) / others.length) -
        Math.floor((c * remaining) / others.length);
      return Array.from({ length: count }, (_, i) =>
        makeStation(
          code(county.code, i + 1),
          `${bureauOf(county)}第${i + 1}派出所`,
          county,
          `第${i + 1}片区`,
        ),
      );
    }),
  ];
}

/** The stations of a demo profile, sorted by code; the same on every run. */
export function demoStations(profile: DemoProfile): DemoStation[] {
  const stations = profile === 'city' ? shaoxingStations() : provinceStations();
  return stations.sort((a, b) => a.code.localeCompare(b.code));
}
