/**
 * The house's rules, checked on its sources: imports point down the rooms (cli → the public
 * entry → batch/workbook → pipeline → render → compose → templates → layout/fonts → model → text →
 * errors), only the writers import their engines, and the public entries export what
 * docs/api.md says, no more (a change to the surface is a deliberate edit of the lists below).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as index from '../src/index.js';
import * as model from '../src/model/index.js';
import * as templates from '../src/templates/kit.js';
import * as testing from '../src/testing.js';

/** Each room's height: a module may import from its own room or from lower ones. */
const RANK: Record<string, number> = {
  errors: 0,
  text: 1,
  model: 2,
  layout: 3,
  fonts: 3,
  templates: 4,
  compose: 5,
  render: 6,
  pipeline: 7,
  batch: 8,
  workbook: 8,
  index: 9,
  testing: 9,
  cli: 10,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

const room = (path: string) =>
  relative('src', path)
    .split(/[\\/]/u)[0]!
    .replace(/\.(ts|js)$/u, '');
const imports = (path: string) =>
  [...readFileSync(path, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/gu)].map(
    (m) => m[1]!,
  );

describe('rooms', () => {
  it('import only from their own room or the rooms below', () => {
    const up: string[] = [];
    for (const file of sources('src')) {
      const from = room(file);
      expect(RANK[from], `${file}: a room the rules do not know`).toBeDefined();
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const to = room(normalize(join(dirname(file), spec)));
        if (to !== from && RANK[to]! > RANK[from]!) up.push(`${file} → ${spec}`);
      }
    }
    expect(up).toEqual([]);
  });

  it('leave the engines to their rooms: pdfmake and pdfkit in render/pdf, docx in render/docx, exceljs in workbook', () => {
    const wrong: string[] = [];
    for (const file of sources('src')) {
      for (const spec of imports(file)) {
        if (/^(pdfmake|pdfkit)(\/|$)/u.test(spec) && !file.includes(join('render', 'pdf')))
          wrong.push(`${file} → ${spec}`);
        if (/^docx(\/|$)/u.test(spec) && !file.includes(join('render', 'docx')))
          wrong.push(`${file} → ${spec}`);
        if (/^exceljs(\/|$)/u.test(spec) && !file.includes(`src${sep}workbook`))
          wrong.push(`${file} → ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

const runtime = (m: object) => Object.keys(m).sort();

describe('the public surface', () => {
  it('gongwen: what an application needs', () => {
    expect(runtime(index)).toEqual(
      [
        'DEFAULT_THEME',
        'Dataset',
        'DepartmentSummary',
        'DepartmentTargetTable',
        'FONT_ROLES',
        'FontSize',
        'GongwenRenderError',
        'GongwenTemplateError',
        'GongwenValidationError',
        'IMAGE_LIMITS',
        'LIMITS',
        'Notice',
        'ProjectSummary',
        'ProjectTargetTable',
        'RenderOptionsSchema',
        'batchFiles',
        'blocksToText',
        'defineTemplate',
        'departmentSummaryOf',
        'fontReports',
        'formatCnDate',
        'formatDiagnostic',
        'formatDocNumber',
        'formatPath',
        'fromChineseNumeral',
        'hasErrors',
        'indicatorRows',
        'layoutNotice',
        'listTemplates',
        'localizeError',
        'mm',
        'moneyToYuan',
        'noticeWithSummaries',
        'parseDataset',
        'parseDepartmentSummary',
        'parseDepartmentTargetTable',
        'parseDocNumber',
        'parseIndicatorValue',
        'parseNotice',
        'parseProjectSummary',
        'parseProjectTargetTable',
        'projectSummaryOf',
        'registerTemplate',
        'registerWriter',
        'render',
        'renderBatch',
        'renderDepartmentTableDocx',
        'renderDepartmentTablePdf',
        'renderDocx',
        'renderLayoutToDocx',
        'renderLayoutToPdf',
        'renderPdf',
        'resolveFonts',
        'resolveTheme',
        'safeName',
        'sumYuan',
        'toChineseNumeral',
        'unregisterTemplate',
        'validateDataset',
        'validateDepartmentSummary',
        'validateDepartmentTargetTable',
        'validateNotice',
        'validateProjectSummary',
        'validateProjectTargetTable',
        'writerIds',
        'yuanToMoney',
        'FormDefinition',
        'getForm',
        'listForms',
        'parseFormDefinition',
        'registerForm',
        'unregisterForm',
        'validateFormDefinition',
        'GeneralTable',
        'parseTable',
        'validateTable',
        'DOCUMENT_KINDS',
        'detectKind',
        'documentLayout',
        'readWorkbook',
        'writeWorkbook',
        'workbookTemplate',
        'WORKBOOK_LIMITS',
      ].sort(),
    );
  });

  it('gongwen/testing: made-up data only', () => {
    expect(runtime(testing)).toEqual(['syntheticDataset']);
  });

  it('gongwen/templates and gongwen/model: the building blocks, without the renderers', () => {
    for (const name of ['render', 'renderPdf', 'renderBatch', 'registerWriter'])
      expect(runtime(templates)).not.toContain(name);
    for (const name of ['makeCtx', 'titleBlock', 'bodyBlocks', 'LayoutSchema', 'compileWording'])
      expect(runtime(templates)).toContain(name);
    for (const name of ['Body', 'KeyTask', 'Issuer', 'Money', 'parseBlocks'])
      expect(runtime(model)).toContain(name);
    expect(runtime(model)).not.toContain('render');
  });
});
