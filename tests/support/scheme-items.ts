/**
 * A year-on-year item as publishAssessmentScheme takes it: full points at a 10 % change its
 * way, none at 20 % the other way.
 */
export const yoyItem = (key: string, department: string, weight: number, direction = 'HIGHER') => ({
  key,
  department,
  weight,
  method: 'YOY',
  direction,
  fullAt: 0.1,
  zeroAt: -0.2,
});
