import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { DIVISIONS_UNDER_ONE, listSize, STATIONS_IN_SCOPE } from '../kit/contract/list-sizes';
import { IsNull } from 'typeorm';
import type { Context } from '../kit/service/context';
import { assertDivisionCode } from '../../platform/codes';
import { badUserInput, show } from '../../platform/errors';
import { Division } from './division';
import type { StationsLoaders } from './loaders';
import { Station } from './station';

type StationsContext = Context<StationsLoaders>;

const sum = (stations: Station[], figure: (station: Station) => number) =>
  stations.reduce((total, station) => total + figure(station), 0);

@Resolver(() => Division)
export class DivisionResolver {
  @Authorized()
  @Query(() => Division, {
    nullable: true,
    description:
      '行政区划 One division by its GB/T 2260 code. A code the registry does not know is ' +
      'refused (BAD_USER_INPUT), like a scope: a report never reads as an empty division.',
  })
  async division(
    @Arg('code', () => ID, { description: '区划代码 6-digit GB/T 2260 code.' }) code: string,
    @Ctx() { db, loaders }: StationsContext,
  ): Promise<Division> {
    assertDivisionCode(code, 'code');
    // The division and its children in one statement: a report asks for both.
    const family = await db
      .getRepository(Division)
      .find({ where: [{ code }, { parentCode: code }], order: { code: 'ASC' } });
    const division = family.find((d) => d.code === code);
    if (!division) {
      throw badUserInput(`code ${show(code)} is not a division in the registry`, {
        field: 'code',
        value: code,
      });
    }
    loaders.division.prime(code, division);
    loaders.children.prime(
      code,
      family.filter((d) => d.parentCode === code),
    );
    return division;
  }

  @Authorized()
  @listSize(DIVISIONS_UNDER_ONE)
  @Query(() => [Division], {
    description:
      '下级区划 The divisions directly under a division, by code; without parentCode, the provinces.',
  })
  async divisions(
    @Arg('parentCode', () => ID, {
      nullable: true,
      description: '上级区划代码 The parent division.',
    })
    parentCode: string | undefined,
    @Ctx() { db, loaders }: StationsContext,
  ): Promise<Division[]> {
    if (parentCode == null) {
      return db
        .getRepository(Division)
        .find({ where: { parentCode: IsNull() }, order: { code: 'ASC' } });
    }
    return loaders.children.load(assertDivisionCode(parentCode, 'parentCode'));
  }

  @FieldResolver(() => Division, {
    nullable: true,
    description: '上级区划 The division it belongs to.',
  })
  parent(
    @Root() division: Division,
    @Ctx() { loaders }: StationsContext,
  ): Promise<Division | null> | null {
    return division.parentCode === null ? null : loaders.division.load(division.parentCode);
  }

  // Shareable: a department answers a division's children's figures in the fetch of the
  // division's own, from the registry's `subdivisions` it @requires, so the gateway sends each
  // department one request for a report rather than one per level.
  @Directive('@shareable')
  @listSize(DIVISIONS_UNDER_ONE)
  @FieldResolver(() => [Division], {
    description: '下级区划 The divisions directly under it, by code.',
  })
  children(@Root() division: Division, @Ctx() { loaders }: StationsContext): Promise<Division[]> {
    return loaders.children.load(division.code);
  }

  // Hidden from clients: what a department's `children` @requires (each child's code and
  // stations). A field of its own, since a field cannot require itself.
  @Directive('@inaccessible')
  @Directive('@shareable')
  @listSize(DIVISIONS_UNDER_ONE)
  @FieldResolver(() => [Division], {
    description:
      '下级区划（供部门汇总）The divisions directly under it, as children: what the departments ' +
      "require to sum each child's figures in the division's own fetch. Not in the API.",
  })
  subdivisions(
    @Root() division: Division,
    @Ctx() { loaders }: StationsContext,
  ): Promise<Division[]> {
    return loaders.children.load(division.code);
  }

  @FieldResolver(() => Int, { description: '派出所数 Number of stations within it, at any depth.' })
  async stationCount(
    @Root() division: Division,
    @Ctx() { loaders }: StationsContext,
  ): Promise<number> {
    return (await loaders.stationsIn.load(division)).length;
  }

  @FieldResolver(() => Int, { description: '警力 Officers of all its stations, summed.' })
  async officers(@Root() division: Division, @Ctx() { loaders }: StationsContext): Promise<number> {
    return sum(await loaders.stationsIn.load(division), (s) => s.officers);
  }

  @FieldResolver(() => Int, {
    description:
      '平安类社会组织数 Safety-related social organizations of all its stations, summed.',
  })
  async socialOrganizations(
    @Root() division: Division,
    @Ctx() { loaders }: StationsContext,
  ): Promise<number> {
    return sum(await loaders.stationsIn.load(division), (s) => s.socialOrganizations);
  }

  // Shareable: a department's `children` provides its children's stations, from the registry.
  @Directive('@shareable')
  @Authorized()
  @listSize(STATIONS_IN_SCOPE)
  @FieldResolver(() => [Station], {
    description:
      '派出所 The stations whose current county lies within it, in code order (whatever ' +
      "prefix their codes were issued under). The departments' division figures sum over these.",
  })
  stations(@Root() division: Division, @Ctx() { loaders }: StationsContext): Promise<Station[]> {
    return loaders.stationsIn.load(division);
  }
}
