import { describeError, describeErrors } from '../../../web/screen/src/errors';
import type { DepartmentInfo } from '../../../web/screen/src/types';

/** The registry's departments as a board's answer lists them. */
const DEPARTMENTS: DepartmentInfo[] = [
  { department: 'CASES', name: 'cases', label: '刑侦治安' },
  { department: 'TRAFFIC', name: 'traffic', label: '交警' },
];

const error = (code: string, message = 'm', extensions: Record<string, unknown> = {}) => ({
  message,
  extensions: { code, ...extensions },
});

describe('errors in words', () => {
  it('tells an expired token from an invalid one', () => {
    expect(describeError(error('UNAUTHENTICATED', 'invalid bearer token: expired'), false)).toEqual(
      {
        kind: 'expired',
        text: '登录令牌已过期，请重新输入令牌。',
      },
    );
    expect(
      describeError(error('UNAUTHENTICATED', 'invalid bearer token: not a JWT'), false).kind,
    ).toBe('signin');
  });

  it('names a refused field', () => {
    expect(describeError(error('FORBIDDEN', 'no', { field: 'Station.caseStats' }), true)).toEqual({
      kind: 'forbidden',
      text: '当前身份无权查看 Station.caseStats 内容，该部分未显示。',
    });
  });

  it('a department down is a partial board; the registry or the assessors down is no board', () => {
    expect(
      describeError(error('SUBGRAPH_UNAVAILABLE', 'x', { subgraph: 'traffic' }), true, DEPARTMENTS),
    ).toEqual({
      kind: 'department',
      department: 'TRAFFIC',
      text: '交警部门数据暂不可用：其得分显示为“不可用”，总分与名次只计其余部门。',
    });
    expect(
      describeError(
        error('SUBGRAPH_UNAVAILABLE', 'x', { subgraph: 'stations' }),
        false,
        DEPARTMENTS,
      ),
    ).toEqual({
      kind: 'service',
      text: '派出所管理（基础信息）服务暂不可用，榜单无法生成，请稍后重试。',
    });
    // A department the answer did not list is named by its subgraph, never guessed.
    expect(
      describeError(error('SUBGRAPH_UNAVAILABLE', 'x', { subgraph: 'fire' }), true, DEPARTMENTS),
    ).toEqual({ kind: 'service', text: 'fire服务暂不可用，榜单无法生成，请稍后重试。' });
  });

  it('says each thing once, and passes on what it does not know', () => {
    const twice = error('SUBGRAPH_UNAVAILABLE', 'x', { subgraph: 'cases' });
    expect(
      describeErrors([twice, twice, { message: 'boom' }], true, DEPARTMENTS).map((p) => p.kind),
    ).toEqual(['department', 'other']);
    expect(
      describeError(error('BAD_USER_INPUT', 'period "2019-H3" is not a period'), false).text,
    ).toBe('查询条件有误：period "2019-H3" is not a period');
  });
});
