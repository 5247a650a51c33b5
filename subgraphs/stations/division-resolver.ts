import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { IsNull } from 'typeorm';
import type { Context } from '../kit/context';
import { assertDivisionCode } from '../../platform/codes';
import { Division } from './division';
import type { StationsLoaders } from './loaders';

type StationsContext = Context<StationsLoaders>;

@Resolver(() => Division)
export class DivisionResolver {
  @Authorized()
  @Query(() => Division, {
    nullable: true,
    description: '行政区划 One division by its GB/T 2260 code; null when unknown.',
  })
  division(
    @Arg('code', () => ID, { description: '区划代码 6-digit GB/T 2260 code.' }) code: string,
    @Ctx() { loaders }: StationsContext,
  ): Promise<Division | null> {
    return loaders.division.load(assertDivisionCode(code, 'code'));
  }

  @Authorized()
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

  @FieldResolver(() => [Division], {
    description: '下级区划 The divisions directly under it, by code.',
  })
  children(@Root() division: Division, @Ctx() { loaders }: StationsContext): Promise<Division[]> {
    return loaders.children.load(division.code);
  }

  @FieldResolver(() => Int, { description: '派出所数 Number of stations within it, at any depth.' })
  stationCount(@Root() division: Division, @Ctx() { loaders }: StationsContext): Promise<number> {
    return loaders.stationCount.load(division.code);
  }
}
