import type { Department } from '../enums';
import type { IndicatorValue, StationIndicators } from '../../kit/contract/board-contract';

/**
 * What reached the board from each department, in the board's order of departments: its list
 * for the board's stations, or null (or nothing at all) when its field did not arrive because
 * the department failed.
 */
export type DepartmentValues = Partial<Record<Department, readonly StationIndicators[] | null>>;

/** A station without records: the department sends zeros, but a missing entry means the same. */
const noRecords = (key: string): IndicatorValue => ({
  key,
  current: null,
  baseline: null,
  sample: null,
});

/** The departments' values indexed by station and key; the one place that knows who is missing. */
export class ValueIndex {
  private readonly byDepartment = new Map<Department, Map<string, Map<string, IndicatorValue>>>();
  /** The departments in the board's order: the order their values were given in. */
  readonly departments: readonly Department[];

  constructor(values: DepartmentValues) {
    const entries = Object.entries(values);
    this.departments = entries.map(([department]) => department);
    for (const [department, stations] of entries) {
      if (stations == null) continue;
      this.byDepartment.set(
        department,
        new Map(stations.map((s) => [s.stationCode, new Map(s.values.map((v) => [v.key, v]))])),
      );
    }
  }

  /** Whether the department's values arrived. */
  available(department: Department): boolean {
    return this.byDepartment.has(department);
  }

  /** A station's value of an indicator of an available department. */
  value(department: Department, stationCode: string, key: string): IndicatorValue {
    return this.byDepartment.get(department)?.get(stationCode)?.get(key) ?? noRecords(key);
  }
}
