import type { Department } from '../enums';
import type { IndicatorValue, StationIndicators } from '../../kit/contract/board-contract';

/**
 * What reached the board from each department, in the board's order of departments: its list
 * for the board's stations, or null (or nothing at all) when its field did not arrive because
 * the department failed.
 */
export type DepartmentValues = Partial<Record<Department, readonly StationIndicators[] | null>>;

/**
 * A station without records: the department sends zeros, but a missing entry means the same.
 * One object for all: the scoring reads a value's figures, never its key.
 */
const NO_RECORDS: IndicatorValue = Object.freeze({
  key: '',
  current: null,
  baseline: null,
  sample: null,
});

/** The departments' values indexed by station; the one place that knows who is missing. */
export class ValueIndex {
  /** Per available department, each station's values (a station listed twice: the last). */
  private readonly byDepartment = new Map<Department, Map<string, readonly IndicatorValue[]>>();
  /** The departments in the board's order: the order their values were given in. */
  readonly departments: readonly Department[];

  constructor(values: DepartmentValues) {
    const entries = Object.entries(values);
    this.departments = entries.map(([department]) => department);
    for (const [department, stations] of entries) {
      if (stations == null) continue;
      const byStation = new Map<string, readonly IndicatorValue[]>();
      for (const station of stations) byStation.set(station.stationCode, station.values);
      this.byDepartment.set(department, byStation);
    }
  }

  /** Whether the department's values arrived. */
  available(department: Department): boolean {
    return this.byDepartment.has(department);
  }

  /**
   * A station's value of an indicator of an available department (a key listed twice: the
   * last). A department sends a station a handful of values, fewer than a map would pay for.
   */
  value(department: Department, stationCode: string, key: string): IndicatorValue {
    const values = this.byDepartment.get(department)?.get(stationCode);
    if (values) {
      for (let i = values.length - 1; i >= 0; i -= 1) {
        const value = values[i];
        if (value?.key === key) return value;
      }
    }
    return NO_RECORDS;
  }
}
