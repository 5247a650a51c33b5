export type Grade = 'EXCELLENT' | 'GOOD' | 'PASS' | 'FAIL';

/** The lowest total of each grade above FAIL, best first. */
export const GRADE_FLOORS: readonly (readonly [number, Grade])[] = [
  [90, 'EXCELLENT'],
  [80, 'GOOD'],
  [60, 'PASS'],
];

/** A vetoed station fails whatever its total; otherwise the (rounded) total decides. */
export function gradeOf(total: number, vetoed: boolean): Grade {
  if (vetoed) return 'FAIL';
  return GRADE_FLOORS.find(([floor]) => total >= floor)?.[1] ?? 'FAIL';
}
