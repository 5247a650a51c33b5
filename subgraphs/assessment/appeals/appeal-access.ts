import { Grant } from '../../../platform/access';
import type { Viewer } from '../../../platform/auth';
import { codedError } from '../../../platform/errors';
import { DEPARTMENT_REGISTRY } from '../../kit/service/registry';
import type { Author } from '../../kit/records/journal';
import type { Department } from '../enums';

/**
 * Who may do what with an appeal, beyond the field's grant: a station acts on its own appeals,
 * a department on those of the items it owns; assessors and admin on every one.
 */

/** Which appeals a viewer reads: all of them, or those of its stations and departments. */
export interface Visibility {
  all: boolean;
  stations: string[];
  /** Department enum values (TRAFFIC), as the appeals store them. */
  departments: Department[];
}

const STATION_ROLE = 'station:';

const isOverseer = (viewer: Viewer) =>
  viewer.roles.includes('admin') || viewer.roles.includes(Grant.assessor);

/** The departments (enum values) whose role the viewer holds. */
function ownDepartments(viewer: Viewer): Department[] {
  return DEPARTMENT_REGISTRY.filter((d) => viewer.roles.includes(Grant.department(d.name))).map(
    (d) => d.enum,
  );
}

export function visibilityOf(viewer: Viewer): Visibility {
  return {
    all: isOverseer(viewer),
    stations: viewer.roles
      .filter((role) => role.startsWith(STATION_ROLE))
      .map((role) => role.slice(STATION_ROLE.length)),
    departments: ownDepartments(viewer),
  };
}

function forbidden(viewer: Viewer, what: string) {
  return codedError('FORBIDDEN', `${what} is not open to ${viewer.sub}`, { field: what });
}

const author = (viewer: Viewer, role: string, requestId: string): Author => ({
  sub: viewer.sub,
  role,
  requestId,
});

/** A station files for itself only (admin for any, as it may do everything). */
export function filer(viewer: Viewer, stationCode: string, requestId: string): Author {
  const own = `${STATION_ROLE}${stationCode}`;
  if (viewer.roles.includes(own)) return author(viewer, own, requestId);
  if (viewer.roles.includes('admin')) return author(viewer, 'admin', requestId);
  throw forbidden(viewer, `an appeal for station ${stationCode}`);
}

/** The department owning the appeal's item answers it (admin too). */
export function answerer(viewer: Viewer, department: Department, requestId: string): Author {
  const entry = DEPARTMENT_REGISTRY.find((d) => d.enum === department);
  const own = entry ? Grant.department(entry.name) : undefined;
  if (own && viewer.roles.includes(own)) return author(viewer, own, requestId);
  if (viewer.roles.includes('admin')) return author(viewer, 'admin', requestId);
  throw forbidden(viewer, `answering an appeal on ${department}'s items`);
}

/** The station that filed it withdraws it; assessors close it so for the station; admin. */
export function withdrawer(viewer: Viewer, stationCode: string, requestId: string): Author {
  const own = `${STATION_ROLE}${stationCode}`;
  for (const role of [own, Grant.assessor, 'admin']) {
    if (viewer.roles.includes(role)) return author(viewer, role, requestId);
  }
  throw forbidden(viewer, `withdrawing station ${stationCode}'s appeal`);
}

/**
 * The departments a list of appeals may show: any for assessors and admin (all without
 * `department`), else the viewer's own, and asking for another's is FORBIDDEN.
 */
export function listedDepartments(
  viewer: Viewer,
  department: Department | undefined,
): Department[] | null {
  if (isOverseer(viewer)) return department === undefined ? null : [department];
  const own = ownDepartments(viewer);
  if (department === undefined) return own;
  if (own.includes(department)) return [department];
  throw forbidden(viewer, `the appeals of ${department}`);
}
