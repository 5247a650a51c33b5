import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../kit/contract/connection';
import { listSize } from '../../kit/contract/list-sizes';
import { DepartmentEnum, type Department } from '../enums';
import { SCHEME_ITEMS } from '../live/department-fields';

/** The most records one appeal names. */
export const MAX_APPEAL_RECORDS = 50;
/** The events an appeal has at most: filed, answered or withdrawn, resolved. */
export const MAX_EVENTS = 3;
/** The largest page of appeals. */
export const MAX_APPEALS = 100;
/**
 * The most appeals one board takes, whatever their status: most of a province's 1,178 stations
 * appealing one item each. Filing the next is refused, so the board's appeal lists are priced
 * by a size that holds.
 */
export const APPEALS_ON_A_BOARD = 1000;
/**
 * The most appeals one station files on one board, whatever their status: one per item of the
 * scheme. A withdrawn appeal may be filed again, but not without end.
 */
export const APPEALS_OF_A_STATION = SCHEME_ITEMS;

export type AppealStatus = 'OPEN' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';
export type AppealAction = 'FILE' | 'ACCEPT' | 'REJECT' | 'WITHDRAW' | 'RESOLVE';

export const AppealStatusEnum = {
  OPEN: 'OPEN',
  ACCEPTED: 'ACCEPTED',
  REJECTED: 'REJECTED',
  WITHDRAWN: 'WITHDRAWN',
} as const satisfies Record<AppealStatus, AppealStatus>;

registerEnumType(AppealStatusEnum, {
  name: 'AppealStatus',
  description: '申诉状态 Where an appeal stands.',
  valuesConfig: {
    OPEN: { description: '待答复 Filed, awaiting the department’s answer.' },
    ACCEPTED: { description: '已采纳 The department upheld it (and corrected its records).' },
    REJECTED: { description: '已驳回 The department rejected it, with a reason.' },
    WITHDRAWN: { description: '已撤回 Withdrawn by the station (or closed so by an assessor).' },
  },
});

const AppealActionEnum = {
  FILE: 'FILE',
  ACCEPT: 'ACCEPT',
  REJECT: 'REJECT',
  WITHDRAW: 'WITHDRAW',
  RESOLVE: 'RESOLVE',
} as const satisfies Record<AppealAction, AppealAction>;

registerEnumType(AppealActionEnum, {
  name: 'AppealAction',
  description: '申诉操作 One change in an appeal’s life.',
  valuesConfig: {
    FILE: { description: '提出 The station filed it.' },
    ACCEPT: { description: '采纳 The department accepted it.' },
    REJECT: { description: '驳回 The department rejected it.' },
    WITHDRAW: { description: '撤回 It was withdrawn.' },
    RESOLVE: { description: '更正发布 A revision of the board that resolves it was published.' },
  },
});

const DEPARTMENT = { description: '部门 The department that owns the records.' };
const EXTERNAL_ID = { description: "外部编号 The record's externalId in that department." };

@InputType({ description: '申诉记录 One department record an appeal contests.' })
export class AppealRecordInput {
  @Field(() => DepartmentEnum, DEPARTMENT)
  department!: Department;

  @Field(() => ID, EXTERNAL_ID)
  externalId!: string;
}

@ObjectType({ description: '申诉记录 One department record an appeal contests.' })
export class AppealRecord {
  @Field(() => DepartmentEnum, DEPARTMENT)
  department!: Department;

  @Field(() => ID, EXTERNAL_ID)
  externalId!: string;
}

@InputType({ description: '申诉 What a station files against its row of a published board.' })
export class AppealInput {
  @Field(() => ID, { description: '范围 The board’s scope (330681, 330600, …).' })
  scope!: string;

  @Field({ description: '考核期 The board’s period (2019-H1, …).' })
  period!: string;

  @Field(() => ID, {
    nullable: true,
    description: '考核方案 The board’s scheme version; by default the board published last.',
  })
  schemeId?: string | null;

  @Field(() => ID, { description: '机构代码 The station filing: the token’s own station.' })
  stationCode!: string;

  @Field({
    description:
      '申诉项 What is contested: an indicator key of the board’s scheme (traffic.deaths), or ' +
      '`deduction:<key>` / `veto:<key>` for one of its deductions or vetoes.',
  })
  item!: string;

  @Field(() => [AppealRecordInput], {
    nullable: true,
    description: `申诉记录 The records contested (of the item's department), at most ${MAX_APPEAL_RECORDS}.`,
  })
  records?: AppealRecordInput[] | null;

  @Field({
    description:
      '申诉理由 Why the figure is wrong (该案件属邻所辖区, 重复统计…): the rules of a ' +
      'withdrawal’s reason, at most 500 characters.',
  })
  claim!: string;
}

@ObjectType({ description: '申诉记录项 One change of an appeal, as its append-only log keeps it.' })
export class AppealEvent {
  @Field(() => AppealActionEnum, { description: '操作 What changed.' })
  action!: AppealAction;

  @Field(() => GraphQLDateTimeISO, { description: '时间 When.' })
  at!: Date;

  @Field({ description: '操作人 Who (the token subject).' })
  actor!: string;

  @Field({ description: '角色 The role it acted with (station:<code>, department:<name>, …).' })
  role!: string;

  @Field(() => String, {
    nullable: true,
    description: '请求编号 The request (x-request-id), as the logs name it.',
  })
  requestId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '理由 The claim, the answer or the withdrawal’s reason.',
  })
  reason!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: '版本 RESOLVE: the revision of the board that resolved it.',
  })
  revision!: number | null;
}

@ObjectType({
  description:
    '申诉 A station’s appeal against one item of its row on a published board: filed within ' +
    'the appeal window, answered by the department owning the item, resolved by a revision.',
})
export class Appeal {
  @Field(() => ID, {
    description:
      '申诉编号 Its id. A department’s corrections and withdrawals for an accepted appeal ' +
      'carry it in their reason: `申诉 <id>：…`.',
  })
  id!: string;

  @Field(() => ID, { description: '范围 The board’s scope.' })
  scope!: string;

  @Field({ description: '考核期 The board’s period.' })
  period!: string;

  @Field(() => ID, { description: '考核方案 The board’s scheme version.' })
  schemeId!: string;

  @Field(() => Int, { description: '申诉版本 The revision appealed against.' })
  revision!: number;

  @Field(() => ID, { description: '机构代码 The station that filed it.' })
  stationCode!: string;

  @Field({
    description: '申诉项 The item contested (traffic.deaths, deduction:<key>, veto:<key>).',
  })
  item!: string;

  @Field(() => DepartmentEnum, { description: '答复部门 The department owning the item.' })
  department!: Department;

  @listSize(MAX_APPEAL_RECORDS)
  @Field(() => [AppealRecord], { description: '申诉记录 The records contested.' })
  records!: AppealRecord[];

  @Field({ description: '申诉理由 The station’s claim.' })
  claim!: string;

  @Field(() => AppealStatusEnum, { description: '状态 Where it stands.' })
  status!: AppealStatus;

  @Field(() => GraphQLDateTimeISO, { description: '提出时间 When it was filed.' })
  filedAt!: Date;

  @Field({ description: '提出人 Who filed it (the token subject).' })
  filedBy!: string;

  @Field(() => String, {
    nullable: true,
    description: '答复 The department’s answer: what it corrected, or why it rejects.',
  })
  answer!: string | null;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: '答复时间 When it was answered or withdrawn.',
  })
  answeredAt!: Date | null;

  @Field(() => String, { nullable: true, description: '答复人 Who answered or withdrew it.' })
  answeredBy!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: '更正版本 The revision of the board that resolved it; null until one does.',
  })
  resolvedInRevision!: number | null;
}

@ObjectType({ description: '申诉分页项 An appeal and its cursor.' })
export class AppealEdge {
  @Field({ description: 'Opaque cursor of this appeal in the list.' })
  cursor!: string;

  @Field(() => Appeal, { description: '申诉 The appeal.' })
  node!: Appeal;
}

@ObjectType({ description: '申诉列表 A page of appeals, the newest first (Relay connection).' })
export class AppealConnection {
  @listSize(MAX_APPEALS)
  @Field(() => [AppealEdge], { description: 'The appeals of this page with their cursors.' })
  edges!: AppealEdge[];

  @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: '总数 Appeals that match, across all pages.' })
  totalCount!: number;
}
