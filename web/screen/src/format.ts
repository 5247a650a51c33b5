/** How the screen writes grades, ranks, scores, indicator values and periods, in Chinese. */
import type { Department, DepartmentInfo, Grade, IndicatorScore } from './types';

export const GRADES: readonly Grade[] = ['EXCELLENT', 'GOOD', 'PASS', 'FAIL'];

export const GRADE_LABEL: Record<Grade, string> = {
  EXCELLENT: '优秀',
  GOOD: '良好',
  PASS: '合格',
  FAIL: '不合格',
};

/**
 * Grade colours: green, blue, amber, red, each dark enough for white text (contrast ≥ 4.5 : 1) and
 * told apart by the word they carry too, so the board also reads in black and white print.
 */
export const GRADE_COLOR: Record<Grade, string> = {
  EXCELLENT: '#1a7f37',
  GOOD: '#0b5cad',
  PASS: '#8a5a00',
  FAIL: '#c62828',
};

/** A department's label as the answers give it; its enum value when they do not know it. */
export function departmentLabel(departments: readonly DepartmentInfo[], department: Department) {
  return departments.find((d) => d.department === department)?.label ?? department;
}

/**
 * The rank change against the previous period's published board: ↑3, ↓1, 持平, 新 (not on
 * that board), or — when that board was never published (`compared` false: nothing to compare).
 */
export function rankChangeText(
  previousRank: number | null,
  rankChange: number | null,
  compared = true,
): string {
  if (!compared) return '—';
  if (previousRank === null || rankChange === null) return '新';
  if (rankChange > 0) return `↑${rankChange}`;
  if (rankChange < 0) return `↓${-rankChange}`;
  return '持平';
}

export type RankTrend = 'up' | 'down' | 'same' | 'new' | 'none';

export function rankTrend(
  previousRank: number | null,
  rankChange: number | null,
  compared = true,
): RankTrend {
  if (!compared) return 'none';
  if (previousRank === null || rankChange === null) return 'new';
  return rankChange > 0 ? 'up' : rankChange < 0 ? 'down' : 'same';
}

/** Points to the cent, as the board scores them, without trailing zeros: 85.7, 62.67, 40. */
export function points(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A mean or median, always two places: 71.25. */
export function fixed2(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

/** A bar's length: the share of the maximum, 0 to 100 (%), one place. */
export function barPercent(score: number, max: number): number {
  if (!(max > 0)) return 0;
  return Math.round(Math.min(1, Math.max(0, score / max)) * 1000) / 10;
}

function percent(value: number, places: number): string {
  return `${(value * 100).toFixed(places)}%`;
}

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

/** An indicator's value in the period or the baseline: a count, or a rate as a percentage. */
export function indicatorValue(method: IndicatorScore['method'], value: number | null): string {
  if (value === null) return '—';
  return method === 'RATE' ? percent(value, 2) : points(value);
}

/**
 * 同比: for a count the relative change (+50.0%), for a rate the difference in percentage points
 * (+5.00 个百分点), as the board's `change` holds them.
 */
export function indicatorChange(method: IndicatorScore['method'], change: number | null): string {
  if (change === null) return '—';
  if (method === 'RATE') return signed(`${(change * 100).toFixed(2)} 个百分点`, change);
  return signed(percent(change, 1), change);
}

/** Why an indicator scored off the plain formula, in words. */
const NOTE_TEXT: Record<string, string> = {
  ZERO_BASELINE: '同期为零：本期有发生按上升 100% 计，未发生按持平计',
  NONE: '本期未发生，得满分',
  SMALL_BASE: '同期基数小，按与最小基数之比计',
  NO_DATA: '样本不足，无可评价，按满分计',
  FILLED: '样本不足，按满分线补足样本计',
  INSUFFICIENT_SAMPLE: '样本不足，不得分',
  DEPARTMENT_UNAVAILABLE: '部门数据暂不可用，未计分',
};

export function noteText(note: string | null): string {
  if (note === null) return '按公式计分';
  return NOTE_TEXT[note] ?? note;
}

export const METHOD_LABEL: Record<IndicatorScore['method'], string> = {
  YOY: '同比',
  RATE: '比率',
};

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month';

export const PERIOD_KIND_LABEL: Record<PeriodKind, string> = {
  month: '月度',
  quarter: '季度',
  half: '半年',
  year: '年度',
};

const QUARTERS = ['一', '二', '三', '四'];

export function periodKind(period: string): PeriodKind {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-H[12]$/.test(period)) return 'half';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  return 'month';
}

/** The parts of a period each kind offers after the year, with their labels. */
export function periodParts(kind: PeriodKind): { value: string; label: string }[] {
  switch (kind) {
    case 'year':
      return [];
    case 'half':
      return [
        { value: 'H1', label: '上半年' },
        { value: 'H2', label: '下半年' },
      ];
    case 'quarter':
      return QUARTERS.map((q, i) => ({ value: `Q${i + 1}`, label: `第${q}季度` }));
    case 'month':
      return Array.from({ length: 12 }, (_, i) => ({
        value: String(i + 1).padStart(2, '0'),
        label: `${i + 1}月`,
      }));
  }
}

/** The 变化 column's header: the period it compares with (较2018年下半年), or plain 变化. */
export function changeHeader(comparedWith: string | null): string {
  return comparedWith ? `较${periodLabel(comparedWith)}` : '变化';
}

/** 2019-H1 → 2019年上半年, 2019-Q2 → 2019年第二季度, 2019-05 → 2019年5月, 2019 → 2019年. */
export function periodLabel(period: string): string {
  const [year, part] = period.split('-');
  if (part === undefined) return `${year}年`;
  const label = periodParts(periodKind(period)).find((p) => p.value === part)?.label ?? part;
  return `${year}年${label}`;
}

/** Beijing time from the time zone database, whatever zone the screen's computer is set to. */
const BEIJING_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A publication time in Beijing time, to the minute: 2019-07-05 09:30. */
export function dateTime(iso: string): string {
  const parts = Object.fromEntries(
    BEIJING_TIME.formatToParts(new Date(iso)).map(({ type, value }) => [type, value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
