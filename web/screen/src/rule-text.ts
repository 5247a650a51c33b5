/**
 * A scheme's scoring rules in words, written from the scheme's own parameters (the thresholds,
 * the direction, the smallest sample), so the drill-down says how each point was earned.
 */
import { points } from './format';
import type { SchemeSummary } from './types';

type IndicatorRule = SchemeSummary['indicators'][number];

/** 10%, 2.5%: a share as a percentage, without trailing zeros. */
function percent(share: number): string {
  return `${Math.round(Math.abs(share) * 10000) / 100}%`;
}

/**
 * A YOY threshold, a change signed so that better is positive, as the movement of the count:
 * for a LOWER indicator +0.10 is 下降 10 %. `side` says which way from the threshold still
 * earns it: the better side for full marks, the worse for zero.
 */
function yoyThreshold(rule: IndicatorRule, signed: number, side: 'better' | 'worse'): string {
  if (signed === 0) return side === 'better' ? '持平或更好' : '持平或更差';
  // A threshold on the better side is reached by moving further that way, and the same for worse.
  const rises = rule.direction === 'HIGHER' ? signed > 0 : signed < 0;
  const word = rises ? '上升' : '下降';
  const further = signed > 0 === (side === 'better');
  return `${word} ${further ? '≥' : '≤'} ${percent(signed)}`;
}

function rateThreshold(rule: IndicatorRule, level: number, side: 'better' | 'worse'): string {
  const higher = rule.direction === 'HIGHER';
  return `${(side === 'better') === higher ? '≥' : '≤'} ${percent(level)}`;
}

/** e.g. 同比下降 ≥ 10% 得满分，上升 ≥ 20% 得零分，之间按比例. */
export function indicatorRuleText(rule: IndicatorRule | undefined): string {
  if (!rule) return '';
  if (rule.minSample === null) {
    // With a minimum base the change is measured against it, and no NONE rule applies.
    const small =
      rule.minBase != null
        ? `；同期少于 ${rule.minBase} 时按差值 ÷ ${rule.minBase} 计`
        : rule.direction === 'LOWER'
          ? '；本期未发生得满分'
          : '';
    return (
      `同比${yoyThreshold(rule, rule.fullAt, 'better')} 得满分，` +
      `${yoyThreshold(rule, rule.zeroAt, 'worse')} 得零分，之间按比例${small}`
    );
  }
  const short = { FULL: '按满分计', ZERO: '不得分', FILL: '按满分线补足' }[
    rule.whenShort ?? 'ZERO'
  ];
  return (
    `比率 ${rateThreshold(rule, rule.fullAt, 'better')} 得满分，` +
    `${rateThreshold(rule, rule.zeroAt, 'worse')} 得零分，之间按比例；` +
    `样本少于 ${rule.minSample} 条${short}`
  );
}

/** e.g. 每次扣 5 分. */
export function deductionRuleText(pointsEach: number | undefined): string {
  return pointsEach === undefined ? '' : `每次扣 ${points(pointsEach)} 分`;
}
