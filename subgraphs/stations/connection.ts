import { Field, Int, ObjectType } from 'type-graphql';
import { isStationCode } from '../../platform/codes';
import { decodeCursor, PageInfo, pageOf } from '../kit/contract/connection';
import { listSize } from '../kit/contract/list-sizes';
import { Station } from './station';

/** The largest page a client may ask for (`first`). */
export const MAX_PAGE = 1000;

@ObjectType({ description: '派出所分页项 A station and its cursor.' })
export class StationEdge {
  @Field({ description: 'Opaque cursor of this station in the code order.' })
  cursor!: string;

  @Field(() => Station, { description: '派出所 The station.' })
  node!: Station;
}

@ObjectType({
  description: '派出所列表 A page of stations in a scope, in code order (Relay connection).',
})
export class StationConnection {
  @listSize(MAX_PAGE)
  @Field(() => [StationEdge], { description: 'The stations of this page with their cursors.' })
  edges!: StationEdge[];

  @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: '总数 Number of stations in the scope, across all pages.' })
  totalCount!: number;
}

const CURSOR_LIST = 'station';

/** The station code a cursor of the station list holds: the next page starts after it. */
export function codeAfter(cursor: string): string {
  return decodeCursor(CURSOR_LIST, cursor, (code) => (isStationCode(code) ? code : null));
}

export function connection(
  stations: Station[],
  first: number,
  hadPrevious: boolean,
  totalCount: number,
): StationConnection {
  return pageOf(CURSOR_LIST, stations, first, (node) => node.code, hadPrevious, totalCount);
}
