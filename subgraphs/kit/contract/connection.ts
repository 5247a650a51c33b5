import { Directive, Field, ObjectType } from 'type-graphql';
import { badUserInput, show } from '../../../platform/errors';

/** Relay's page information, alike in every subgraph that pages a list, hence shareable. */
@Directive('@shareable')
@ObjectType({ description: '分页信息 Relay page information.' })
export class PageInfo {
  @Field({ description: 'Whether items follow this page (fetch them with `after: endCursor`).' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first edge; null when empty.',
  })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; null when empty.' })
  endCursor!: string | null;
}

/** A page's information from one row more than asked for (`rows.length > first`). */
export function pageInfo(
  cursors: readonly string[],
  hasNextPage: boolean,
  hadPrevious: boolean,
): PageInfo {
  return {
    hasNextPage,
    hasPreviousPage: hadPrevious,
    startCursor: cursors[0] ?? null,
    endCursor: cursors.at(-1) ?? null,
  };
}

/**
 * A page of a list read with one item more than asked for (`first + 1`: the extra one says a
 * page follows): its first `first` items as edges with their cursors, and its information.
 */
export function pageOf<T>(
  list: string,
  found: readonly T[],
  first: number,
  position: (item: T) => string | number,
  hadPrevious: boolean,
  totalCount: number,
): { edges: { cursor: string; node: T }[]; pageInfo: PageInfo; totalCount: number } {
  const edges = found
    .slice(0, first)
    .map((node) => ({ cursor: encodeCursor(list, position(node)), node }));
  return {
    edges,
    pageInfo: pageInfo(
      edges.map((e) => e.cursor),
      found.length > first,
      hadPrevious,
    ),
    totalCount,
  };
}

/**
 * A count argument (a page's `first`, a history's `last`, a revision) checked to be an integer
 * from 1 to `max`: every list is bounded, and a refusal names the argument.
 */
export function bounded(value: number, field: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw badUserInput(`${field} ${show(value)} must be between 1 and ${max}`, { field, value });
  }
  return value;
}

/**
 * The opaque cursor of an item of a list: `<list>:<position>` in base64url. Naming the list
 * keeps a cursor of one list from being taken for another's.
 */
export function encodeCursor(list: string, position: string | number): string {
  return Buffer.from(`${list}:${position}`).toString('base64url');
}

/**
 * The position a cursor of `list` holds, read back by `read`, which returns null for text the
 * list never issues; any other cursor is refused (BAD_USER_INPUT on `after`).
 */
export function decodeCursor<T>(
  list: string,
  cursor: string,
  read: (position: string) => T | null,
): T {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const position = text.startsWith(`${list}:`) ? read(text.slice(list.length + 1)) : null;
  if (position === null) {
    throw badUserInput(`after ${show(cursor)} is not a cursor this API issued`, {
      field: 'after',
      value: cursor,
    });
  }
  return position;
}
