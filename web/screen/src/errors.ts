/** What went wrong, in words an assessor can act on, from a GraphQL answer's errors. */
import type { Department, DepartmentInfo } from './types';

export interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: unknown; subgraph?: unknown; field?: unknown };
}

type ProblemKind =
  | 'expired'
  | 'signin'
  | 'forbidden'
  | 'department'
  | 'service'
  | 'unreachable'
  | 'input'
  | 'outdated'
  | 'unpublished'
  | 'other';

export interface Problem {
  kind: ProblemKind;
  /** The sentence shown. */
  text: string;
  /** For kind `department`: which department's scores are unavailable. */
  department?: Department;
}

/** The platform's own services; the departments are named as the answers name them. */
const SERVICE_LABEL: Record<string, string> = {
  stations: '派出所管理（基础信息）',
  assessment: '考核',
};

export const UNREACHABLE: Problem = {
  kind: 'unreachable',
  text: '无法连接考核平台：网络中断或网关未运行。请检查网络后重试。',
};

export const UNPUBLISHED: Problem = {
  kind: 'unpublished',
  text: '该范围、考核期和方案尚未发布正式结果。',
};

/**
 * One error of an answer, in words. `hasData`: whether the rest of the answer arrived;
 * `departments`: the registry's departments as the answer listed them, to name a subgraph by.
 */
export function describeError(
  error: GraphQLErrorLike,
  hasData: boolean,
  departments: readonly DepartmentInfo[] = [],
): Problem {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : '';
  const subgraph = typeof error.extensions?.subgraph === 'string' ? error.extensions.subgraph : '';
  switch (code) {
    case 'UNAUTHENTICATED':
      return /expired/i.test(error.message)
        ? { kind: 'expired', text: '登录令牌已过期，请重新输入令牌。' }
        : { kind: 'signin', text: '登录令牌无效，请重新输入令牌。' };
    case 'FORBIDDEN': {
      const field = typeof error.extensions?.field === 'string' ? error.extensions.field : '';
      return {
        kind: 'forbidden',
        text: `当前身份无权查看${field ? ` ${field} ` : '此项'}内容，该部分未显示。`,
      };
    }
    case 'SUBGRAPH_UNAVAILABLE': {
      const department = departments.find((d) => d.name === subgraph);
      if (department && hasData) {
        return {
          kind: 'department',
          department: department.department,
          text: `${department.label}部门数据暂不可用：其得分显示为“不可用”，总分与名次只计其余部门。`,
        };
      }
      const name = SERVICE_LABEL[subgraph] ?? department?.label ?? subgraph;
      return { kind: 'service', text: `${name}服务暂不可用，榜单无法生成，请稍后重试。` };
    }
    case 'BAD_USER_INPUT':
      return { kind: 'input', text: `查询条件有误：${error.message}` };
    case 'OPERATION_NOT_IN_SAFELIST':
    case 'PERSISTED_QUERY_NOT_FOUND':
      return { kind: 'outdated', text: '本页面版本与平台不一致，请刷新页面。' };
    default:
      return { kind: 'other', text: `平台返回错误：${error.message}` };
  }
}

/** Every error of an answer, one sentence each, the same sentence once. */
export function describeErrors(
  errors: readonly GraphQLErrorLike[],
  hasData: boolean,
  departments: readonly DepartmentInfo[] = [],
): Problem[] {
  const seen = new Set<string>();
  return errors
    .map((error) => describeError(error, hasData, departments))
    .filter((problem) => !seen.has(problem.text) && seen.add(problem.text));
}
