/**
 * Workspace files built to hurt the parser: each is under the size limit and was seen (before the limits in
 * tree.ts) to freeze a hot reload for seconds or `cockpit validate` for minutes.
 */
const HEAD = 'version: 1\nname: Hostile\nenvironments:\n  prod: {}\n';

export interface HostileFile {
  name: string;
  text: string;
}

export function hostileFiles(): HostileFile[] {
  const aliases = `${HEAD}anchor: &a value\nlist: [${Array.from({ length: 100_000 }, () => '*a').join(', ')}]\n`;

  // Each level merges the two before it: expanded naively, the work doubles with every level.
  const merge = [HEAD, 'l0: &l0 { k0: 1 }\n', 'l1: &l1 { <<: *l0, k1: 1 }\n'];
  for (let i = 2; i < 300; i++) merge.push(`l${i}: &l${i} { <<: [*l${i - 1}, *l${i - 2}], k${i}: 1 }\n`);

  const unknown = [HEAD];
  for (let i = 0; i < 100_000; i++) unknown.push(`k${i}: 1\n`);

  const oneLine = `${HEAD.replace('environments:\n  prod: {}\n', '')}environments: {${Array.from(
    { length: 150_000 },
    (_, i) => `e${i}: {}`,
  ).join(', ')}}\n`;

  const flowDepth = 200_000;
  const deepFlow = `${HEAD}deep: ${'['.repeat(flowDepth)}${']'.repeat(flowDepth)}\n`;
  const deepBlock = `${HEAD}deep:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} 1\n`;
  const deepDashes = `${HEAD}deep:\n  ${'- '.repeat(300_000)}x\n`;

  return [
    { name: '100k aliases', text: aliases },
    { name: '300-level merge keys', text: merge.join('') },
    { name: '100k unknown keys', text: unknown.join('') },
    { name: 'one-line 150k-entry mapping', text: oneLine },
    { name: 'deep flow nesting', text: deepFlow },
    { name: 'deep block nesting', text: deepBlock },
    { name: 'deep compact sequences', text: deepDashes },
  ];
}
