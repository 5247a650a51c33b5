// The layers of docs/architecture.md ("The parts"), checked by `npm run lint`. An arrow there
// reads "may import"; each rule below forbids one import against an arrow. A rule's `pathNot`
// lists the imports that still break it today, each with what removes it: do not add to them.

const TOOLS = '^(scripts|bench|tests|demo)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-nothing',
      comment: 'platform/ is the runtime every service shares: it imports nothing of the project.',
      severity: 'error',
      from: { path: '^platform/' },
      to: { path: '^(gateway|subgraphs|web|scripts|bench|tests|demo)/' },
    },
    {
      name: 'gateway-imports-platform-only',
      comment: 'The gateway serves the supergraph it reads; it knows no subgraph by its code.',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^(subgraphs|web|scripts|bench|tests|demo)/' },
    },
    {
      name: 'kit-imports-platform-only',
      comment: 'subgraphs/kit/ is what every subgraph shares: it imports platform/ and itself.',
      severity: 'error',
      from: { path: '^subgraphs/kit/' },
      to: { path: '^(gateway|web|scripts|bench|tests|demo)/|^subgraphs/(?!kit/)' },
    },
    {
      name: 'subgraph-imports-no-other-subgraph',
      comment:
        'A subgraph (a department, the registry, the assessors) imports the kit, platform/ and ' +
        'its own folder: it knows the others only through the gateway.',
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/' },
      to: { path: '^subgraphs/', pathNot: ['^subgraphs/$1/', '^subgraphs/kit/'] },
    },
    {
      name: 'web-imports-nothing-server-side',
      comment: 'The screen and GraphiQL reach the platform over HTTP, as any client does.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(platform|gateway|subgraphs|scripts|bench|tests|demo)/' },
    },
    {
      name: 'service-imports-no-tool',
      comment:
        'A service runs from the image without the tools: the operator commands, the bench, the ' +
        'tests and the demo data generator. The departments still generate their demo data with ' +
        "demo/'s generators (their seed.ts, and serve.ts which reads SEED).",
      severity: 'error',
      from: {
        path: '^(platform|gateway|subgraphs)/',
        pathNot: ['^subgraphs/[^/]+/seed\\.ts$', '^subgraphs/serve\\.ts$'],
      },
      to: { path: TOOLS },
    },
    {
      name: 'declared-packages-only',
      comment: 'Every package a file imports is declared in package.json.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'service-imports-no-dev-package',
      comment:
        'The image installs the dependencies only: a service imports none of devDependencies.',
      severity: 'error',
      from: {
        path: '^(platform|gateway|subgraphs)/',
        pathNot: ['^subgraphs/[^/]+/seed\\.ts$'],
      },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'resolvable',
      comment: "An import that resolves to nothing (Vite's virtual modules are the bundler's).",
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^virtual:' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.tools|\\.bench|\\.data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
};
