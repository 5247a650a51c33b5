import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { mayReadDivision, mayReadStation, mayWrite, signedIn } from './auth.js';
import { badInput, coded } from './errors.js';
import { CATALOG, figuresOf, INDICATORS, statsOf, summed } from './figures.js';
import { isDate, parsePeriod } from './period.js';
import { listFires, recordFires, withdrawFires } from './records.js';
import { schemeKeys } from './scheme-keys.js';

/** The most stations one representation may carry: the largest scope holds about 1,200. */
const MAX_STATIONS = 2000;

const stringScalar = (name, description, valid) =>
  new GraphQLScalarType({
    name,
    description,
    serialize: (value) => value,
    parseValue: (value) => {
      if (!valid(value))
        throw new GraphQLError(`${name} cannot represent ${JSON.stringify(value)}`);
      return value;
    },
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING || !valid(ast.value))
        throw new GraphQLError(`${name} expects a string`);
      return ast.value;
    },
  });

/**
 * A representation's `stations`, which the gateway fetched from the registry: refused when
 * missing (never answered as zeros) or not a list of station codes.
 */
function stationsOf(entity) {
  const { stations } = entity;
  if (stations === undefined || stations === null) {
    throw coded(
      'INCOMPLETE_REPRESENTATION',
      `the router sent ${entity.__typename} without stations, which this field @requires`,
      { field: 'stations', fields: ['stations'] },
    );
  }
  if (!Array.isArray(stations) || stations.length > MAX_STATIONS) {
    throw badInput(`stations must be a list of at most ${MAX_STATIONS}`, { field: 'stations' });
  }
  return stations.map((station) => codeOf(station, 'stations'));
}

function codeOf(entity, field = 'code') {
  const code = entity?.code;
  if (typeof code !== 'string' || !/^\d{12}$/.test(code)) {
    throw badInput(`${field}: a station's code is 12 digits`, { field });
  }
  return code;
}

const author = (context, role) => ({ sub: context.viewer.sub, role, requestId: context.requestId });

export const resolvers = {
  LocalDate: stringScalar('LocalDate', 'A local date, YYYY-MM-DD.', isDate),
  DateTimeISO: stringScalar(
    'DateTimeISO',
    'A date-time at UTC, ISO 8601.',
    (v) => typeof v === 'string',
  ),

  Query: {
    fireIndicatorCatalog: (_root, _args, { viewer }) => {
      signedIn(viewer);
      return CATALOG;
    },
  },

  Mutation: {
    recordFires: (_root, { input, dryRun, reason }, context) => {
      const role = mayWrite(context.viewer, 'Mutation.recordFires');
      return recordFires(context.pool, input, {
        dryRun,
        reason,
        author: author(context, role),
        today: context.today,
      });
    },
    withdrawFires: (_root, { externalIds, reason, dryRun }, context) => {
      const role = mayWrite(context.viewer, 'Mutation.withdrawFires');
      return withdrawFires(context.pool, externalIds, reason, {
        dryRun,
        author: author(context, role),
      });
    },
  },

  Station: {
    __resolveReference: (reference) => ({ code: codeOf(reference) }),
    fireStats: async ({ code }, { period }, { viewer, loadFigures, today }) => {
      mayReadStation(viewer, code, 'Station.fireStats');
      const parsed = parsePeriod(period, today);
      return statsOf(parsed, await loadFigures(code, parsed));
    },
    fireRecords: (
      { code },
      { period, indicator, baseline, includeWithdrawn, first, after },
      { viewer, pool, today },
    ) => {
      mayReadStation(viewer, code, 'Station.fireRecords');
      const parsed = parsePeriod(period, today);
      return listFires(pool, {
        station: code,
        range: baseline ? parsed.baseline : parsed,
        indicator,
        includeWithdrawn,
        first,
        after,
      });
    },
  },

  Division: {
    __resolveReference: (reference) => reference,
    fireStats: async (division, { period }, { viewer, pool, today }) => {
      mayReadDivision(viewer, 'Division.fireStats');
      const stations = stationsOf(division);
      const parsed = parsePeriod(period, today);
      const figures = await figuresOf(pool, stations, parsed);
      return statsOf(parsed, summed(figures.values()));
    },
  },

  AssessmentBoard: {
    __resolveReference: (reference) => reference,
    fireIndicators: async (board, _args, context) => {
      signedIn(context.viewer);
      const stations = stationsOf(board);
      const period = parsePeriod(board.period, context.today);
      const used = await schemeKeys(context.gatewayUrl, board.schemeId, context);
      const keyed = INDICATORS.filter((i) => used.has(i.key));
      // A scheme that scores none of the fire service's indicators costs it no statement.
      const figures =
        keyed.length === 0 ? new Map() : await figuresOf(context.pool, stations, period);
      return stations.map((code) => ({
        stationCode: code,
        values: keyed.map(({ key, reads: [figure] }) => ({
          key,
          current: figures.get(code).current[figure],
          baseline: figures.get(code).baseline[figure],
          sample: null,
        })),
      }));
    },
  },
};
