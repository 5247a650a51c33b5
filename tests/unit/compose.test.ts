import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../platform/paths';
import { SUBGRAPHS } from '../../subgraphs/list';

interface Service {
  command?: string[];
  image?: string;
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
}

// No Docker engine runs here: the file is checked against the list of subgraphs instead.
const compose = parse(readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, Service>;
};
const scripts = (
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;
const gateway = compose.services.gateway;

describe('docker-compose.yml and package.json follow subgraphs/list.ts', () => {
  it.each(SUBGRAPHS.map((s) => [s.name, s.port] as const))('runs %s on port %i', (name, port) => {
    const upper = name.toUpperCase();
    const service = compose.services[name];
    expect(service?.command).toEqual(['dist/subgraphs/serve.js', name]);
    expect(service?.image).toBe(gateway?.image);
    expect(service?.ports).toContain(`${port}:${port}`);
    expect(service?.environment?.[`${upper}_PORT`]).toBe(String(port));
    expect(service?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(service?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(service?.healthcheck?.test.join(' ')).toContain(`localhost:${port}/ready`);
    expect(gateway?.environment?.[`${upper}_URL`]).toBe(`http://${name}:${port}/graphql`);
    expect(gateway?.depends_on?.[name]?.condition).toBe('service_healthy');
    expect(scripts[`start:${name}`]).toContain(`serve.js ${name}`);
  });

  it('runs the gateway from the same image', () => {
    expect(gateway?.command).toEqual(['dist/gateway/src/main.js']);
    expect(gateway?.image).toBe('fengqiao');
  });

  it('restarts every service, the database included, unless an operator stopped it', () => {
    const policies = Object.entries(compose.services).map(([name, s]) => [name, s.restart]);
    expect(policies).toEqual(Object.keys(compose.services).map((n) => [n, 'unless-stopped']));
  });

  it('has no service that is neither a subgraph nor part of the platform', () => {
    const expected = ['postgres', 'gateway', ...SUBGRAPHS.map((s) => s.name)];
    expect(Object.keys(compose.services).sort()).toEqual(expected.sort());
  });
});
