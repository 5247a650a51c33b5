import type { Department } from '../../departments';

/** One indicator value of one station, as a department publishes it (kit IndicatorValue). */
export interface IndicatorFigure {
  key: string;
  current: number | null;
  baseline: number | null;
  sample: number | null;
}

/** A department's values for one station (kit StationIndicators). */
export interface StationFigures {
  stationCode: string;
  values: readonly IndicatorFigure[];
}

/**
 * What reached the board from each department, in the board's order of departments: its list
 * for the board's stations, or null (or nothing at all) when its field did not arrive because
 * the department failed.
 */
export type DepartmentFigures = Partial<Record<Department, readonly StationFigures[] | null>>;

/** A station without records: the department sends zeros, but a missing entry means the same. */
const noRecords = (key: string): IndicatorFigure => ({
  key,
  current: null,
  baseline: null,
  sample: null,
});

/** The departments' figures indexed by station and key; the one place that knows who is missing. */
export class FigureIndex {
  private readonly byDepartment = new Map<Department, Map<string, Map<string, IndicatorFigure>>>();
  /** The departments in the board's order: the order their figures were given in. */
  readonly departments: readonly Department[];

  constructor(figures: DepartmentFigures) {
    const entries = Object.entries(figures) as [Department, DepartmentFigures[Department]][];
    this.departments = entries.map(([department]) => department);
    for (const [department, stations] of entries) {
      if (stations == null) continue;
      this.byDepartment.set(
        department,
        new Map(stations.map((s) => [s.stationCode, new Map(s.values.map((v) => [v.key, v]))])),
      );
    }
  }

  /** Whether the department's figures arrived. */
  available(department: Department): boolean {
    return this.byDepartment.has(department);
  }

  /** A station's value of an indicator of an available department. */
  value(department: Department, stationCode: string, key: string): IndicatorFigure {
    return this.byDepartment.get(department)?.get(stationCode)?.get(key) ?? noRecords(key);
  }
}
