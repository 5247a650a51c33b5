import { Directive, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import { assertRepresentation, type DivisionRef } from './board-contract';
import { DIVISIONS_UNDER_ONE, listSize } from './list-sizes';

/**
 * `Division.children` answered by the department itself, from the children (codes and stations)
 * the registry hands over in the division's representation, and providing their stations. The
 * gateway then fetches a report's division and children's figures in one request to each
 * department instead of one per level (@apollo/gateway never merges fetches at two paths), and
 * the department's loader reads every station once for both.
 */
export function divisionChildrenResolver(division: ClassType<DivisionRef>): ClassType {
  @Resolver(() => division)
  class DivisionChildrenResolver {
    @Directive('@shareable')
    @Directive('@requires(fields: "subdivisions { code stations { code } }")')
    @Directive('@provides(fields: "stations { code }")')
    @listSize(DIVISIONS_UNDER_ONE)
    @FieldResolver(() => [division], {
      description: '下级区划 The divisions directly under it, by code.',
    })
    children(@Root() parent: DivisionRef): DivisionRef[] {
      assertRepresentation(parent, ['subdivisions']);
      return parent.subdivisions;
    }
  }
  return DivisionChildrenResolver;
}
