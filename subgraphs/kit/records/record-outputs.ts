import { GraphQLDateTimeISO } from 'graphql-scalars';
import {
  Directive,
  Field,
  ID,
  Int,
  InterfaceType,
  ObjectType,
  registerEnumType,
  type ClassType,
} from 'type-graphql';
import { CHANGES_PER_RECORD, FIELDS_PER_RECORD, listSize } from '../contract/list-sizes';
import type { WithdrawCounts } from './journal';
import type { DryRunAnswer } from './upsert';
import { DRY_RUN_FIELD } from './write-results';

/** What one change-log entry did to its record. */
export enum RecordAction {
  INSERT = 'INSERT',
  UPDATE = 'UPDATE',
  WITHDRAW = 'WITHDRAW',
  RESTORE = 'RESTORE',
}

registerEnumType(RecordAction, {
  name: 'RecordAction',
  description: '变更类型 What a write did to a record.',
  valuesConfig: {
    INSERT: { description: '新增 First sent.' },
    UPDATE: { description: '更新 Sent again with different values.' },
    WITHDRAW: { description: '撤回 Withdrawn, with a reason: it stops counting.' },
    RESTORE: {
      description: '恢复 Sent again after a withdrawal: it counts again (changes: what differs).',
    },
  },
});

/** Every department subgraph returns it, hence shareable. */
@Directive('@shareable')
@ObjectType({ description: '字段变更 One field a write changed, before and after.' })
export class FieldChange {
  @Field({ description: '字段 The field, as the record mutation names it (e.g. stationCode).' })
  field!: string;

  @Field(() => String, {
    nullable: true,
    description: '变更前 Its value before, as text; null when it had none (or on INSERT).',
  })
  before!: string | null;

  @Field(() => String, { nullable: true, description: '变更后 Its value after, as text.' })
  after!: string | null;
}

@Directive('@shareable')
@ObjectType({
  description:
    "变更记录 One entry of a department's change log: who changed a record, when, how and why.",
})
export class RecordChange {
  @Field(() => GraphQLDateTimeISO, { description: '时间 When (the writing transaction began).' })
  at!: Date;

  @Field(() => RecordAction, { description: '类型 What the write did.' })
  action!: RecordAction;

  @Field({ description: '操作人 The subject (sub) of the token that wrote.' })
  sub!: string;

  @Field({ description: '角色 The role it wrote with, e.g. department:traffic or admin.' })
  role!: string;

  @Field(() => String, {
    nullable: true,
    description: "请求编号 The request id (x-request-id), as in the services' logs.",
  })
  requestId!: string | null;

  @listSize(FIELDS_PER_RECORD)
  @Field(() => [FieldChange], {
    description: '变更内容 The fields that changed (on INSERT, every field sent with a value).',
  })
  changes!: FieldChange[];

  @Field(() => String, {
    nullable: true,
    description:
      "原因 Why, as the write said: a withdrawal's reason, or a correction's when it gave one " +
      '(an answer to an appeal names it: "申诉 <appeal id>：…"); null when none was given.',
  })
  reason!: string | null;
}

/** A record's history: capped, so a record re-sent thousands of times answers a few entries. */
export const HISTORY_DESCRIPTION =
  `变更历史 Its newest writes, at most ${CHANGES_PER_RECORD}, oldest first: who, when, ` +
  'what and why. historyCount says how many it has had in all.';

export const HISTORY_COUNT_DESCRIPTION =
  '变更次数 How many writes it has had in all, of which history shows the newest.';

/** What every record shows besides the kind's own fields; `history` is resolved by the kit. */
export interface RecordBase {
  externalId: string;
  stationCode: string;
  createdAt: Date;
  updatedAt: Date;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
}

/**
 * A department's record interface (CaseRecord, TrafficRecord, SurveyRecord): the fields every
 * kind shares; each kind's type implements it with what the department sent.
 */
export type RecordInterface = (abstract new () => RecordBase & {
  history: RecordChange[];
  historyCount: number;
}) & {
  /** Its GraphQL name, which the department's connection types are named after. */
  readonly graphqlName: string;
};

export function recordInterface(name: string, description: string): RecordInterface {
  @InterfaceType(name, {
    description,
    // Each listed record carries the class of its kind (record-listing.ts).
    resolveType: (value: { recordType: ClassType }) => value.recordType,
  })
  abstract class DepartmentRecord implements RecordBase {
    static readonly graphqlName = name;

    @Field(() => ID, { description: "外部编号 The department's own id of the record." })
    externalId!: string;

    @Field(() => ID, { description: '机构代码 The station it belongs to.' })
    stationCode!: string;

    @Field(() => GraphQLDateTimeISO, { description: '首次录入 When it was first sent.' })
    createdAt!: Date;

    @Field(() => GraphQLDateTimeISO, { description: '最近变更 When it last changed.' })
    updatedAt!: Date;

    @Field(() => GraphQLDateTimeISO, {
      nullable: true,
      description: '撤回时间 When it was withdrawn; null while it counts.',
    })
    withdrawnAt!: Date | null;

    @Field(() => String, {
      nullable: true,
      description: '撤回原因 Why it was withdrawn; null while it counts.',
    })
    withdrawalReason!: string | null;

    @listSize(CHANGES_PER_RECORD)
    @Field(() => [RecordChange], {
      description: HISTORY_DESCRIPTION,
    })
    history!: RecordChange[];

    @Field(() => Int, { description: HISTORY_COUNT_DESCRIPTION })
    historyCount!: number;
  }
  return DepartmentRecord;
}

@Directive('@shareable')
@ObjectType({
  description: '撤回结果 What one withdrawal did: every externalId is counted once.',
})
export class WithdrawResult implements DryRunAnswer<WithdrawCounts> {
  @Field(() => Int, { description: '撤回 Records withdrawn by this call.' })
  withdrawn!: number;

  @Field(() => Int, {
    description: '未变 Records withdrawn already: left as they were (their reason stands).',
  })
  unchanged!: number;

  @Field({ description: DRY_RUN_FIELD })
  dryRun!: boolean;
}
