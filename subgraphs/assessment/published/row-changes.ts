import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { BoardKey, StationRef } from '../../kit/contract/board-contract';
import { GradeEnum } from '../enums';
import { Station } from '../live/board-references';
import type { Grade } from '../scoring/grade';
import type { PublishedLine } from './published-row';

@ObjectType({ description: '名次状态 Where a station stood on one revision of a board.' })
export class BoardStanding {
  @Field(() => Int, { description: '名次 Its rank.' })
  rank!: number;

  @Field(() => Float, { description: '总分 Its total.' })
  total!: number;

  @Field(() => GradeEnum, { description: '等次 Its grade.' })
  grade!: Grade;

  @Field({ description: '一票否决 Whether a veto failed it.' })
  vetoed!: boolean;
}

@ObjectType({
  description:
    '更正变化 A station whose total, grade or rank differs between a revision and the one ' +
    'before it (an appeal upheld, a late record counted).',
})
export class RowChange {
  @Field(() => Station, { description: '派出所 The station.' })
  station!: StationRef;

  @Field({ description: '名称 Its name on the newer of the two revisions.' })
  stationName!: string;

  @Field(() => BoardStanding, {
    nullable: true,
    description: '更正前 Where it stood on the previous revision; null when it was not on it.',
  })
  before!: BoardStanding | null;

  @Field(() => BoardStanding, {
    nullable: true,
    description: '更正后 Where it stands on this revision; null when it is no longer on it.',
  })
  after!: BoardStanding | null;

  /** The board and revision it is a change of, which its appeals are read by (not fields). */
  board!: BoardKey;
  revision!: number;
}

/** A change as stored with its revision: the station by code. */
export interface StoredChange {
  stationCode: string;
  stationName: string;
  before: BoardStanding | null;
  after: BoardStanding | null;
}

const standing = (line: PublishedLine): BoardStanding => ({
  rank: line.rank,
  total: line.total,
  grade: line.grade,
  vetoed: line.vetoed,
});

const moved = (a: BoardStanding, b: BoardStanding) =>
  a.rank !== b.rank || a.total !== b.total || a.grade !== b.grade || a.vetoed !== b.vetoed;

/**
 * The stations whose total, grade, veto or rank moved from `previous` (the revision before,
 * empty for a first revision) to `current`, in the new rank order, then those that left.
 */
export function changesBetween(
  previous: readonly PublishedLine[],
  current: readonly PublishedLine[],
): StoredChange[] {
  const before = new Map(previous.map((line) => [line.stationCode, line]));
  const changes: StoredChange[] = [];
  if (previous.length === 0) return changes;
  for (const line of current) {
    const old = before.get(line.stationCode);
    before.delete(line.stationCode);
    const now = standing(line);
    if (old && !moved(standing(old), now)) continue;
    changes.push({
      stationCode: line.stationCode,
      stationName: line.stationName,
      before: old ? standing(old) : null,
      after: now,
    });
  }
  for (const old of before.values()) {
    changes.push({
      stationCode: old.stationCode,
      stationName: old.stationName,
      before: standing(old),
      after: null,
    });
  }
  return changes;
}
