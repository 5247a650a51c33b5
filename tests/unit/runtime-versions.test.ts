import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../platform/paths';

/**
 * One Node everywhere: the version CI installs (.nvmrc, through scripts/use-node.sh) is the one
 * the container image is built on, and the type definitions describe that major.
 */
const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');
const nodeVersion = read('.nvmrc').trim();
const major = (version: string) => version.replace(/^[^\d]*/, '').split('.')[0];
const manifest = JSON.parse(read('package.json')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
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
