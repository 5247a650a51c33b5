import { SCHEME_VERSIONS } from '../../subgraphs/assessment/scheme/scheme-resolver';
import { postGraphQL, startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';
import { yoyItem } from '../support/scheme-items';

/**
 * `assessmentSchemes` lists the newest SCHEME_VERSIONS versions and no more, however many were
 * published; the gateway prices it at that cap; an older version is still read by its id.
 */
let platform: Platform;
let assessor: string;

/** A valid scheme (one YOY indicator worth all 100 points), published again and again. */
const SCHEME = {
  name: 'shaoxing-2020',
  title: '绍兴市平安考核（2020）',
  indicators: [yoyItem('cases.criminalSolved', 'CASES', 100)],
  deductions: [],
  vetoes: [],
};

beforeAll(async () => {
  platform = await startPlatform();
  assessor = await tokenFor('assessor');
  // With the migration's fengqiao-2019@1, one more version than the list holds.
  for (let n = 1; n <= SCHEME_VERSIONS; n += 1) {
    const res = await platform.query(
      'mutation($input: AssessmentSchemeInput!) { publishAssessmentScheme(input: $input) { id } }',
      { token: assessor, variables: { input: SCHEME } },
    );
    expect(res.data?.publishAssessmentScheme).toEqual({ id: `shaoxing-2020@${n}` });
  }
}, 180_000);
afterAll(() => platform.stop());

const LIST = '{ assessmentSchemes { id indicators { key } } }';

it(`lists the newest ${SCHEME_VERSIONS} versions, in one statement; an older one is read by its id`, async () => {
  const { result, statements } = await platform.countStatements(() =>
    platform.query(LIST, { token: assessor }),
  );
  expect(result.errors).toBeUndefined();
  const ids = (result.data.assessmentSchemes as { id: string }[]).map((s) => s.id);
  expect(ids).toEqual(
    Array.from({ length: SCHEME_VERSIONS }, (_, i) => `shaoxing-2020@${SCHEME_VERSIONS - i}`),
  );
  expect(statements.assessment).toBe(1);

  const older = await platform.query('{ assessmentScheme(id: "fengqiao-2019@1") { id } }', {
    token: assessor,
  });
  expect(older.data.assessmentScheme).toEqual({ id: 'fengqiao-2019@1' });
});

it('is priced at its cap: a gateway allowing one object less refuses it before any SQL', async () => {
  const strict = await platform.startGateway({ MAX_COST: String(SCHEME_VERSIONS - 1) });
  const { result, statements } = await platform.countStatements(() =>
    postGraphQL(strict.url, '{ assessmentSchemes { id } }', { token: assessor }),
  );
  expect(result.errors?.[0]?.extensions).toMatchObject({
    code: 'COST_ESTIMATED_TOO_EXPENSIVE',
    limit: 'MAX_COST',
    max: SCHEME_VERSIONS - 1,
    found: SCHEME_VERSIONS,
  });
  expect(statements.assessment).toBe(0);
});
