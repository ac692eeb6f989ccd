import { Option, type Command } from 'commander';
import { schemaFileOf } from '../model/kind.js';
import { initWorkbook } from './workbook.js';
import { join } from 'node:path';
import type { Ctx, Runner } from './io.js';
import { examples } from './options.js';
import { outputDir } from './render.js';
import { ensureDir, writeAll } from './write.js';

export const RENDER_HINT = 'npx gongwen render notice.json -o out';

/** A starter 文件格式 notice dated `date` (YYYY-MM-DD): valid, with every common element. */
export function starterNotice(date: string): Record<string, unknown> {
  const year = date.slice(0, 4);
  return {
    $schema: `./node_modules/gongwen/schema/${schemaFileOf('notice')}`,
    issuers: [{ name: '示例市财政局' }],
    docNumber: `示财〔${year}〕1号`,
    title: `关于做好${year}年预算绩效目标管理工作的通知`,
    recipients: '市直各单位',
    body: [
      `为加强预算绩效管理，提高财政资金使用效益，现就做好${year}年预算绩效目标管理工作通知如下：`,
      '一、高度重视绩效目标管理。各单位要将绩效目标管理作为预算管理的重要内容，明确责任分工。',
      '二、及时公开绩效目标。各单位应当在部门预算公开时一并公开绩效目标。',
      '三、加强绩效运行监控。各单位要对绩效目标实现程度和预算执行进度实行双监控，发现问题及时纠正。',
    ].join('\n'),
    attachments: [{ title: `${year}年部门整体预算绩效目标表`, distribution: 'separate' }],
    date,
    publicity: '主动公开',
    imprint: { printer: '示例市财政局办公室', printDate: date },
  };
}

/** Today in the local time zone, YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function init(ctx: Ctx, dir: string | undefined, force: boolean): Promise<number> {
  const { io, m } = ctx;
  const out = outputDir(ctx, dir);
  const file = (name: string) => ({
    path: join(out.dir, name),
    display: dir === undefined ? name : join(out.display, name),
  });
  const notice = {
    ...file('notice.json'),
    bytes: text(`${JSON.stringify(starterNotice(today()), null, 2)}\n`),
  };
  const readme = { ...file('README.md'), bytes: text(m.init.readme(RENDER_HINT)) };
  await ensureDir(out.dir, out.display, m);
  await writeAll([notice, readme], force, m);
  io.stdout.write(`${m.init.wrote(notice.display)}\n${m.init.wrote(readme.display)}\n`);
  const cd = dir === undefined ? '' : `cd ${dir} && `;
  io.stdout.write(`${m.init.next(`${cd}${RENDER_HINT}`)}\n`);
  return 0;
}

function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

export function registerInit(program: Command, ctx: Ctx, done: Runner): void {
  const { m } = ctx;
  program
    .command('init')
    .description(m.init.description)
    .argument('[dir]', m.init.dir)
    .option('--force', m.init.force)
    .option('--xlsx', m.workbook.xlsx)
    .option('--form <form>', m.workbook.initForm)
    .addOption(new Option('--layout <layout>', m.workbook.initLayout).choices(['sheets', 'rows']))
    .addHelpText(
      'after',
      examples(m, [
        'gongwen init',
        'gongwen init my-notice && cd my-notice && ' + RENDER_HINT,
        'gongwen init --xlsx --form fin2021/project',
      ]),
    )
    .action(
      (
        dir: string | undefined,
        flags: { force?: boolean; xlsx?: boolean; form?: string; layout?: 'sheets' | 'rows' },
      ) =>
        done(() =>
          flags.xlsx || flags.form !== undefined || flags.layout !== undefined
            ? initWorkbook(ctx, dir, flags)
            : init(ctx, dir, flags.force ?? false),
        ),
    );
}
