/**
 * Department records as the tests write them, one line each: the inputs of recordCases and
 * recordAccidents, positional so that a table of records reads like one.
 */

export const caseRecord = (
  externalId: string,
  stationCode: string,
  category: string,
  filedOn: string,
  solvedOn: string | null,
) => ({ externalId, stationCode, category, filedOn, solvedOn });

export const accident = (
  externalId: string,
  stationCode: string,
  occurredOn: string,
  deaths: number,
  injuries: number,
) => ({ externalId, stationCode, occurredOn, deaths, injuries });
