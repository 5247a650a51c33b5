/** The pickers: scope (province → city → county), period (kind, year, part) and scheme. */
import { h, select } from './dom';
import { PERIOD_KIND_LABEL, periodKind, periodParts, type PeriodKind } from './format';
import type { BoardQuery } from './load';
import { scopeLevels } from './divisions';
import type { DivisionNode, Pickers, SchemeSummary } from './types';

/** How a published period is marked among the picker's choices. */
const PUBLISHED_MARK = ' ●';

/** What the period picker knows of the scope's published boards (null: not known yet). */
export type PublishedPeriods = ReadonlySet<string> | null;

/** The years the period picker offers: the demo's 2017 up to this one. */
const FIRST_YEAR = 2017;

function periodOf(kind: PeriodKind, year: string, part: string): string {
  if (kind === 'year') return year;
  const parts = periodParts(kind).map((p) => p.value);
  return `${year}-${parts.includes(part) ? part : parts[0]}`;
}

/**
 * The scheme picker's first choice: the scheme the board on screen was scored with, by name,
 * when none was picked (the newest published scheme, or the one the board was published with).
 */
function defaultScheme(shown: SchemeSummary | null): string {
  return shown ? `${shown.title}（${shown.id}，默认）` : '默认方案（最新发布）';
}

export function pickersBar(
  pickers: Pickers,
  query: BoardQuery,
  onChange: (query: BoardQuery) => void,
  published: PublishedPeriods,
  shownScheme: SchemeSummary | null,
): HTMLElement {
  const mark = (period: string) => (published?.has(period) ? PUBLISHED_MARK : '');
  const { province, city, county } = scopeLevels(query.scope);
  const provinces = pickers.divisions;
  const cities = provinces.find((p) => p.code === province)?.children ?? [];
  const counties = cities.find((c) => c.code === city)?.children ?? [];
  const option = (d: DivisionNode) => ({ value: d.code, label: d.name });

  const kind = periodKind(query.period);
  const [year = '', part = ''] = query.period.split('-');
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => String(thisYear - i));
  const setPeriod = (period: string) => onChange({ ...query, period });

  return h(
    'div',
    { class: 'pickers' },
    h(
      'fieldset',
      { class: 'scope' },
      h('legend', {}, '范围'),
      select(provinces.map(option), province, (p) => onChange({ ...query, scope: p }), {
        name: 'province',
      }),
      select(
        [{ value: '', label: '全省' }, ...cities.map(option)],
        city,
        (c) => onChange({ ...query, scope: c || province }),
        { name: 'city' },
      ),
      select(
        [{ value: '', label: city ? '全市' : '—' }, ...counties.map(option)],
        county,
        (c) => onChange({ ...query, scope: c || city || province }),
        { name: 'county-scope', disabled: !city },
      ),
    ),
    h(
      'fieldset',
      { class: 'period' },
      h('legend', {}, '考核期'),
      select(
        (Object.keys(PERIOD_KIND_LABEL) as PeriodKind[]).map((k) => ({
          value: k,
          label: PERIOD_KIND_LABEL[k],
        })),
        kind,
        (k) => setPeriod(periodOf(k as PeriodKind, year, '')),
        { name: 'period-kind' },
      ),
      select(
        years.map((y) => ({
          value: y,
          label: `${y}年${
            [...(published ?? [])].some((p) => p.startsWith(y) && periodKind(p) === kind)
              ? PUBLISHED_MARK
              : ''
          }`,
        })),
        year,
        (y) => setPeriod(periodOf(kind, y, part)),
        { name: 'period-year' },
      ),
      kind === 'year'
        ? null
        : select(
            periodParts(kind).map((p) => ({
              value: p.value,
              label: `${p.label}${mark(`${year}-${p.value}`)}`,
            })),
            part,
            (p) => setPeriod(periodOf(kind, year, p)),
            { name: 'period-part' },
          ),
      published
        ? h('span', { class: 'published-legend', title: '● 已发布正式结果的考核期' }, '● 已发布')
        : null,
    ),
    h(
      'fieldset',
      { class: 'scheme' },
      h('legend', {}, '考核方案'),
      select(
        [
          { value: '', label: defaultScheme(query.schemeId ? null : shownScheme) },
          ...pickers.schemes.map((s) => ({ value: s.id, label: `${s.title}（${s.id}）` })),
        ],
        query.schemeId,
        (schemeId) => onChange({ ...query, schemeId }),
        { name: 'scheme' },
      ),
    ),
  );
}
