import type { GraphQLSchema } from 'graphql';
import {
  CITY,
  inScope,
  listedOperations,
  PERIOD,
  PROVINCE,
  publishStep,
  unusable,
  type PrepareStep,
  type ProfileStation,
} from './scenarios';

/**
 * The 晾晒 screen opened on an official (published) board in Chromium: what an assessor waits
 * for between following the link and seeing the ranking table.
 */
export interface RenderScenario {
  /** What `--scenario` picks it by. */
  id: string;
  name: string;
  /** Why it cannot run (the publishing operation not listed), or undefined. */
  skipped?: string;
  /** The view the link opens. */
  view: Record<string, string>;
  /** Rows the ranking table must hold: the scope's stations. */
  rows: number;
  /** Sent with every request of the page besides what the screen sends. */
  headers: Record<string, string>;
  /** The board published before the screen opens it. */
  prepare: PrepareStep[];
}

/**
 * 绍兴's and the province's official boards for PERIOD, each opened twice over: with
 * `Cache-Control: no-cache` on the page's requests, so the gateway reads the published board
 * afresh as for a board nobody opened since it changed, and as the screen sends it (`-repeated`),
 * its answer from the gateway's response cache as for every assessor after the first.
 */
export function renderScenarios(
  schema: GraphQLSchema,
  stations: readonly ProfileStation[],
  runId: string,
): RenderScenario[] {
  const publish = listedOperations().find((o) => o.name === 'PublishAssessmentBoard');
  const boards = [
    { id: 'render-city', place: '绍兴', scope: CITY },
    { id: 'render-province', place: 'province', scope: PROVINCE },
  ];
  return boards.flatMap(({ id, place, scope }) => {
    const skipped = unusable(schema, publish, 'PublishAssessmentBoard', { scope, period: PERIOD });
    const base = {
      ...(skipped ? { skipped } : {}),
      view: { scope, period: PERIOD, mode: 'official' },
      rows: stations.filter((s) => inScope(scope, s)).length,
      prepare: [publishStep(publish, scope, runId)],
    };
    const name = `screen first render, official board ${place} ${scope}`;
    const uncached: Record<string, string> = { 'cache-control': 'no-cache' };
    return [
      { ...base, id, name, headers: uncached },
      { ...base, id: `${id}-repeated`, name: `${name}, repeated`, headers: {} },
    ];
  });
}
