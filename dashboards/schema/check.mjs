// Type-checks every dashboards/*.json against Grafana's schema as typed by Grafana's Foundation SDK
// (@grafana/grafana-foundation-sdk, generated from Grafana's CUE schema): the dashboard, its
// variables and links, and each panel with the options and field config types of its own plugin
// (timeseries, stat, table...), its Prometheus queries and its overrides. Unknown keys (a typo),
// wrong types and values outside an enumeration are errors.
//
// How: each dashboard becomes a TypeScript module whose objects are annotated with those types,
// and tsc checks it. Enumerations are relaxed to their values (the JSON holds "table", the SDK a
// TypeScript enum member whose value is "table"), which checks the values without the nominal
// typing of TS enums.
//
//   npm ci && node check.mjs [DASHBOARD_DIR] [WORK_DIR]      (DashboardsTest runs it in ./mvnw verify)
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dashboards = resolve(process.argv[2] ?? join(here, '..'));
const work = resolve(process.argv[3] ?? join(here, 'build'));
const require = createRequire(import.meta.url);

// Panel type -> [SDK module, options type, field config "custom" type].
const PANELS = {
  timeseries: ['timeseries', 'timeseries.Options', 'timeseries.FieldConfig'],
  stat: ['stat', 'stat.Options', 'never'],
  bargauge: ['bargauge', 'bargauge.Options', 'never'],
  piechart: ['piechart', 'piechart.Options', 'piechart.FieldConfig'],
  'state-timeline': ['statetimeline', 'statetimeline.Options', 'statetimeline.FieldConfig'],
  table: ['table', 'table.Options', 'table.FieldConfig'],
  text: ['text', 'text.Options', 'never'],
};
const SDK = '@grafana/grafana-foundation-sdk';

const TYPES = `import type * as dashboard from '${SDK}/dashboard';
import type * as prometheus from '${SDK}/prometheus';
${[...new Set(Object.values(PANELS).map(([m]) => m))].map(m => `import type * as ${m} from '${SDK}/${m}';`).join('\n')}

type IsAny<T> = 0 extends 1 & T ? true : false;
/** T with enums as their values and without methods: what a JSON document can hold. */
export type Json<T> = IsAny<T> extends true ? any
  : T extends string ? \`\${T}\`
  : T extends number ? number
  : T extends boolean ? boolean
  : T extends readonly (infer E)[] ? Json<E>[]
  : T extends object ? { [K in keyof T as T[K] extends (...args: any[]) => any ? never : K]: Json<T[K]> }
  : T;

export type Query = Json<prometheus.Dataquery>;
type Overrides = Json<dashboard.FieldConfigSource['overrides']>;
/** A panel of one plugin: its own options and field config instead of the SDK's \`any\`. */
export type Panel<Options, Custom> = Json<Omit<dashboard.Panel, 'options' | 'fieldConfig' | 'targets'>> & {
  options: Json<Options>;
  fieldConfig?: { defaults: Json<Omit<dashboard.FieldConfig, 'custom'>> & { custom?: Json<Custom> }; overrides: Overrides };
  targets?: Query[];
};
export type Row = Json<dashboard.RowPanel>;
export type Dashboard = Json<Omit<dashboard.Dashboard, 'panels'>> & { panels: unknown[] };
${Object.entries(PANELS).map(([type, [, o, c]]) => `export type P_${type.replace('-', '_')} = Panel<${o}, ${c}>;`).join('\n')}
`;

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
symlinkSync(join(here, 'node_modules'), join(work, 'node_modules'), 'dir');
writeFileSync(join(work, 'types.ts'), TYPES);

const files = readdirSync(dashboards).filter(f => f.endsWith('.json')).sort();
const unknownTypes = [];
for (const file of files) {
  const d = JSON.parse(readFileSync(join(dashboards, file), 'utf8'));
  const { panels = [], ...rest } = d;
  const lines = [`import type * as t from './types.js';`, '', `// ${file}`,
    `export const dashboard: t.Dashboard = ${JSON.stringify({ ...rest, panels: [] }, null, 2)};`];
  panels.forEach((p, i) => {
    const type = p.type === 'row' ? 'Row' : PANELS[p.type] ? `P_${p.type.replace('-', '_')}` : null;
    if (!type) {
      unknownTypes.push(`${file}: panel "${p.title}" of type ${p.type} has no schema here (add it to PANELS)`);
      return;
    }
    lines.push('', `// ${file} / ${p.title}`, `export const panel${i + 1}: t.${type} = ${JSON.stringify(p, null, 2)};`);
  });
  writeFileSync(join(work, file.replace(/\.json$/, '.ts')), lines.join('\n') + '\n');
}
if (unknownTypes.length) {
  console.error(unknownTypes.join('\n'));
  process.exit(1);
}

writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({
  compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: 'es2022', module: 'nodenext',
    moduleResolution: 'nodenext', exactOptionalPropertyTypes: false },
  include: ['*.ts'],
}, null, 2));
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
const run = spawnSync(process.execPath, [tsc, '-p', '.', '--pretty', 'false'], { cwd: work, encoding: 'utf8' });
const out = (run.stdout + run.stderr).trim();
if (run.status !== 0) {
  // Name the dashboard and panel of each error: the nearest "// file / title" line above it.
  for (const line of out.split('\n')) {
    const m = /^(\S+?\.ts)\((\d+),\d+\): (.*)$/.exec(line);
    if (!m) { console.error(line); continue; }
    const src = readFileSync(join(work, m[1]), 'utf8').split('\n');
    let where = m[1];
    for (let n = Number(m[2]) - 1; n >= 0; n--) {
      if (src[n].startsWith('// ')) { where = src[n].slice(3); break; }
    }
    console.error(`${where} (${m[1]}:${m[2]}): ${m[3]}`);
  }
  process.exit(1);
}
const version = JSON.parse(readFileSync(join(here, 'node_modules', SDK, 'package.json'), 'utf8')).version;
console.log(`${files.length} dashboards match Grafana's schema (${SDK} ${version})`);
