import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Grant } from '../../platform/access';
import { must, validateBatch } from '../kit/records/batch-checks';
import { assertStationCode } from '../../platform/codes';
import type { Context } from '../kit/service/context';
import { badUserInput } from '../../platform/errors';
import { loadAll } from '../kit/service/loaders';
import { MAX_RECORDS } from '../kit/records/record-inputs';
import { UpsertResult } from '../kit/records/write-results';
import { DRY_RUN_ARG, inWriteTransaction, upsertRows } from '../kit/records/upsert';
import { bounded } from '../kit/contract/connection';
import { listSize, STATIONS_IN_SCOPE } from '../kit/contract/list-sizes';
import { STATION_BOUNDS } from './bounds';
import { codeAfter, connection, MAX_PAGE, StationConnection } from './connection';
import { Division, DivisionLevel } from './division';
import type { StationsLoaders } from './loaders';
import { whereInScope } from './scope';
import {
  assertScopesWithinBounds,
  lockStationWrites,
  stationsPerScopeFromEnv,
} from './scope-bounds';
import { Station } from './station';
import { StationInput } from './station-input';
import { STATION_TABLE } from './station-table';

type StationsContext = Context<StationsLoaders>;

/** A list of codes as the registry's lookups take it: 1 to MAX_CODES, each a station code. */
function assertCodes(codes: readonly string[]): void {
  if (codes.length === 0 || codes.length > MAX_CODES) {
    throw badUserInput(
      `codes has ${codes.length} codes; one call takes 1 to ${MAX_CODES.toLocaleString('en')}`,
      { field: 'codes', value: codes.length },
    );
  }
  codes.forEach((code, i) => assertStationCode(code, `codes[${i}]`));
}

export const MAX_UPSERT = 1000;
/** As many codes as a department's largest batch can name (the kit's MAX_RECORDS). */
const MAX_CODES = MAX_RECORDS;

@Resolver(() => Station)
export class StationResolver {
  @Authorized()
  @Query(() => Station, {
    nullable: true,
    description: '派出所 One station by its 12-digit code; null when the registry has none.',
  })
  station(
    @Arg('code', () => ID, { description: '机构代码 12-digit organization code.' }) code: string,
    @Ctx() { loaders }: StationsContext,
  ): Promise<Station | null> {
    return loaders.station.load(assertStationCode(code));
  }

  @Authorized()
  @listSize(MAX_CODES)
  @Query(() => [Station], {
    description:
      `已登记派出所 The stations of those codes the registry holds (1 to ${MAX_CODES.toLocaleString('en')} ` +
      'codes), in code order; a code it does not hold is left out.',
  })
  async registeredStations(
    @Arg('codes', () => [ID], { description: '机构代码 12-digit organization codes.' })
    codes: string[],
    @Ctx() { loaders }: StationsContext,
  ): Promise<Station[]> {
    assertCodes(codes);
    const found = await loadAll(loaders.station, [...new Set(codes)].sort());
    return found.filter((s): s is Station => s !== null);
  }

  @Authorized()
  @listSize(MAX_CODES)
  @Query(() => [ID], {
    description:
      `未登记机构代码 Those of the codes (1 to ${MAX_CODES.toLocaleString('en')}) the registry holds no ` +
      'station of, each once, in code order; empty when it holds them all. How a department checks, ' +
      'once per batch, that its records name registered stations.',
  })
  async unregisteredStationCodes(
    @Arg('codes', () => [ID], { description: '机构代码 12-digit organization codes.' })
    codes: string[],
    @Ctx() { db }: StationsContext,
  ): Promise<string[]> {
    assertCodes(codes);
    // Only the misses travel back: a batch naming a thousand registered stations is answered
    // with an empty list, not with a thousand stations built as entities and shaped by the
    // gateway, which cost more than the rest of the batch's checks together.
    const missing = await db.query<{ code: string }[]>(
      `SELECT c.code FROM unnest($1::text[]) AS c(code)
       WHERE NOT EXISTS (SELECT FROM ${STATION_TABLE.table} s WHERE s.code = c.code)
       GROUP BY c.code ORDER BY c.code`,
      [codes],
    );
    return missing.map((m) => m.code);
  }

  @Authorized()
  @listSize(MAX_PAGE, { slicingArgument: 'first', sizedFields: ['edges'] })
  @Query(() => StationConnection, {
    description:
      '派出所列表 The stations of a scope in code order, a page at a time. Without a scope: all.',
  })
  async stations(
    @Arg('scope', () => ID, {
      nullable: true,
      description:
        '范围 330000 the province, 330600 a city, 330681 a county, or a 12-digit station code.',
    })
    scope: string | undefined,
    @Arg('first', () => Int, {
      defaultValue: 100,
      description: `Page size, 1 to ${MAX_PAGE}.`,
    })
    first: number,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Cursor after which the page starts (pageInfo.endCursor of the page before).',
    })
    after: string | undefined,
    @Ctx() { db, loaders }: StationsContext,
  ): Promise<StationConnection> {
    bounded(first, 'first', MAX_PAGE);
    let query = db.getRepository(Station).createQueryBuilder('s');
    if (scope != null) query = await whereInScope(query, scope, loaders);
    const totalCount = await query.getCount();
    if (after != null) query = query.andWhere('s.code > :after', { after: codeAfter(after) });
    const rows = await query
      .orderBy('s.code')
      .take(first + 1)
      .getMany();
    return connection(rows, first, after != null, totalCount);
  }

  @FieldResolver(() => Division, { description: '所属县级区划 Its current county.' })
  async division(@Root() station: Station, @Ctx() { loaders }: StationsContext): Promise<Division> {
    const division = await loaders.division.load(station.divisionCode);
    if (!division)
      throw new Error(`station ${station.code} has no division ${station.divisionCode}`);
    return division;
  }

  @Authorized(Grant.department('stations'))
  @Mutation(() => UpsertResult, {
    description:
      `登记派出所 Adds or replaces up to ${MAX_UPSERT} stations in one transaction. ` +
      'Refuses the whole batch (BAD_USER_INPUT) if any station is invalid, or if it would leave ' +
      'a county, city or province with more stations than the registry holds (at most ' +
      `${STATIONS_IN_SCOPE.toLocaleString('en')} each).`,
  })
  async upsertStations(
    @Arg('input', () => [StationInput], { description: 'The stations, 1 to 1,000, codes unique.' })
    input: StationInput[],
    @Arg('dryRun', DRY_RUN_ARG) dryRun: boolean,
    @Ctx() { db, loaders }: StationsContext,
  ): Promise<UpsertResult> {
    const bounds = stationsPerScopeFromEnv();
    // A code's first six digits name the division it was issued under (GA/T 380), which may
    // since have been retired (柯桥区's stations keep the codes of 绍兴县, 330621): its city, the
    // first four, must be one the registry knows, else the code is made up (999999500001).
    const cityOf = (code: string) => `${String(code).slice(0, 4)}00`;
    const divisions = await loadAll(loaders.division, [
      ...new Set([...input.map((s) => s.divisionCode), ...input.map((s) => cityOf(s.code))]),
    ]);
    const known = new Set(divisions.flatMap((d) => (d instanceof Division ? [d.code] : [])));
    const counties = new Set(
      divisions.flatMap((d) =>
        d instanceof Division && d.level === DivisionLevel.COUNTY ? [d.code] : [],
      ),
    );
    validateBatch(input, {
      max: MAX_UPSERT,
      idField: 'code',
      id: (s) => s.code,
      check: (s) => [
        must.beStationCode('code', s.code) ??
          (known.has(cityOf(s.code))
            ? null
            : {
                field: 'code',
                value: s.code,
                reason: `was issued in no city of the registry (${cityOf(s.code)})`,
              }),
        must.beText('name', s.name, 100),
        counties.has(s.divisionCode)
          ? null
          : {
              field: 'divisionCode',
              value: s.divisionCode,
              reason: 'is not a county in the registry',
            },
        must.beText('address', s.address, 200),
        s.brand == null || s.brand.trim() === '' ? null : must.beText('brand', s.brand, 100),
        must.beWithin('officers', s.officers, 0, STATION_BOUNDS.officers),
        must.beWithin('population', s.population, 0, STATION_BOUNDS.population),
        must.beWithin(
          'socialOrganizations',
          s.socialOrganizations,
          0,
          STATION_BOUNDS.socialOrganizations,
        ),
      ],
    });
    return inWriteTransaction(db, dryRun, async (manager) => {
      await lockStationWrites(manager);
      const counts = await upsertRows(manager, STATION_TABLE, input);
      await assertScopesWithinBounds(manager, [...counties], bounds);
      return counts;
    });
  }
}
