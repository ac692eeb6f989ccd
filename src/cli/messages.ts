/**
 * The CLI's own words, in Chinese (default) and English (`--lang en` or GONGWEN_LANG=en).
 * Diagnostics from the library stay Chinese; in English their `code` is printed prominently.
 */
export type Lang = 'zh' | 'en';

export const LANGS: readonly Lang[] = ['zh', 'en'];

export type { DataKind as Kind } from '../model/kind.js';
import type { DataKind as Kind } from '../model/kind.js';

export type Origin = 'caller' | 'system' | 'default';

/** The font roles' Chinese names: the same in both languages (they name typefaces). */
const ROLE_NAMES: Record<string, string> = {
  xiaobiaosong: '小标宋',
  fangsong: '仿宋',
  heiti: '黑体',
  kaiti: '楷体',
  songti: '宋体',
};

const zh = {
  severity: { error: '错误', warning: '警告' } as Record<'error' | 'warning', string>,
  error: '错误',
  kinds: {
    notice: '公文',
    'department-table': '部门整体预算绩效目标表',
    'project-table': '项目支出绩效目标表',
    'department-summary': '部门整体绩效目标批复汇总表',
    'project-summary': '项目支出绩效目标批复汇总表',
    table: '表格',
    dataset: '批复数据集',
  } as Record<Kind, string>,
  origins: { caller: '命令行指定', system: '系统字体', default: '默认字体' } as Record<
    Origin,
    string
  >,
  roles: ROLE_NAMES,

  // help
  program: '把结构化数据排成符合 GB/T 9704-2012 的党政机关公文（PDF、DOCX）',
  optLang: '界面语言：zh（中文，默认）或 en（英文）；也可设环境变量 GONGWEN_LANG',
  optVersion: '显示版本号',
  optHelp: '显示帮助',
  helpCommand: '显示某个命令的帮助',
  titles: {
    'Usage:': '用法：',
    'Options:': '选项：',
    'Commands:': '命令：',
    'Arguments:': '参数：',
    'Global Options:': '全局选项：',
  } as Record<string, string>,
  examples: '示例：',
  moreHelp: '运行 gongwen <命令> --help 查看各命令的用法和示例。',
  usageHint: '（运行 gongwen --help 查看用法）',
  /** commander's "(choices: "a", "b", default: x)" after an option's description, in Chinese */
  helpExtras: (description: string): string =>
    description.replace(
      / \((?:choices: (.*?))?(?:, )?(?:default: (.*?))?\)$/u,
      (_all, choices?: string, dflt?: string) => {
        const parts = [
          choices ? `可选：${choices.replace(/"/gu, '').split(', ').join('、')}` : '',
          dflt ? `默认：${dflt.replace(/"/gu, '')}` : '',
        ].filter(Boolean);
        return `（${parts.join('；')}）`;
      },
    ),

  validate: {
    description:
      '校验数据文件（公文、绩效目标表、批复汇总表、批复数据集），按编译器格式列出错误和警告',
    files: '数据文件（.json、.yaml、.yml）',
    kind: '文件种类（默认按内容判断）：',
    json: '以 JSON 输出结果',
    ok: (kind: string) => `通过（${kind}）`,
    summary: (files: number, errors: number, warnings: number) =>
      `共 ${files} 个文件：${errors} 个错误，${warnings} 个警告`,
  },
  templateFile: {
    unreadable: (file: string, why: string) => `无法载入模板文件 ${file}：${why}`,
    noTemplate: (file: string) =>
      `模板文件 ${file} 没有导出模板（default 或 template 导出，须有 id、accepts 和 layout）`,
  },
  lint: {
    strict: '样式规则（GB/T 9704 的格式要求）按错误处理；默认只警告',
    rule: '设定某条规则的级别，可重复：代码=error|warning|off，如 budget.keyTaskSum=warning',
    badRule: (value: string) =>
      `“${value}”不是“规则代码=级别”：级别为 error、warning 或 off，如 budget.keyTaskSum=warning`,
    badConfig: (file: string) => `配置文件 ${file} 有误（见上）`,
  },
  render: {
    description: '把一份公文或表格（目标表、汇总表、一般表格）排成 PDF 和/或 DOCX',
    file: '数据文件（.json、.yaml、.yml）：公文或表格，按内容识别',
    kind: '文件的种类（默认按内容识别）：',
    label: '首页第一行的标识，如“湛财绩〔2021〕2号附件1”（单独分发的附件；公文不用）',
    form: '目标表的表式：标识（如 fin2021/project）或表式定义文件（.json、.yaml）',
    formats: '输出格式，逗号分隔：pdf、docx',
    outDir: '输出目录（默认：当前目录）',
    template:
      '版式模板：标识（如 gbt9704/letter），或导出模板的 .js/.mjs 文件（默认按公文的 format）',
    theme: '主题文件（JSON 或 YAML，ThemeOverrides）',
    font: '指定某一角色的字体文件，可重复；角色：',
    noSystemFonts: '不查找系统已安装的字体（只用 --font 和默认字体）',
    embedFonts:
      'DOCX 中的字体：subset（默认，嵌入用到的字，无此字体的机器也显示原字形）、all（整套字体）、none（只写字体名）',
    missingGlyphs: '字体缺字时：error（报错，默认）或 fallback（用其他字体补字并提示）',
    force: '覆盖已存在的文件',
    notANotice: (kind: string) =>
      `这是${kind}：render 排单份公文或表格；批复数据集请用 gongwen batch`,
    labelForNotice: '--label 用于单独成文的表格：公文的标识由它自己的字段给出',
    formForKind: (kind: string) => `--form 只用于目标表，这是${kind}`,
    wrote: (file: string, size: string, pages?: number) =>
      `已写入 ${file}（${size}${pages !== undefined ? `，${pages} 页` : ''}）`,
    fontLine: (role: string, roleName: string, face: string, origin: string, path?: string) =>
      `  ${role}（${roleName}）：${face}，${origin}${path ? ` ${path}` : ''}`,
    warning: (code: string, message: string) => `警告 ${code} ${message}`,
  },
  batch: {
    description: '按批复数据集批量排版：通知（含两张批复汇总表）和各单位的附件文件',
    dataset: '批复数据集文件（.json、.yaml、.yml 或 Excel 工作簿 .xlsx）',
    outDir: '输出目录（必填）',
    jobs: '同时排版的工作线程数',
    notADataset: (kind: string) => `这是${kind}，不是批复数据集：单份公文请用 gongwen render`,
    line: (i: number, total: number, name: string, size: string) =>
      `[${i}/${total}] 写入 ${name}（${size}）`,
    failedLine: (i: number, total: number, name: string) => `[${i}/${total}] 失败 ${name}`,
    failed: (name: string, unit: string | undefined, code: string | undefined, message: string) =>
      `失败 ${name}${unit ? `（单位：${unit}）` : ''}：${code ? `${code} ` : ''}${message}`,
    summary: (written: number, failed: number, seconds: string, dir: string) =>
      `完成：${dir} 中写入 ${written} 个文件${failed > 0 ? `，${failed} 个失败` : ''}，用时 ${seconds} 秒`,
    eta: '剩余',
  },
  workbook: {
    importDescription:
      '把 Excel 工作簿（.xlsx）读成数据文件：目标表、汇总表、表格或整个批复数据集，问题按单元格指出',
    file: 'Excel 工作簿（.xlsx）',
    out: '写入的数据文件（.json 或 .yaml；省略时打印到标准输出）',
    kind: '工作簿的内容（默认按工作表判断）：',
    layout: '数据集的版式：sheets（每个单位一张工作表）或 rows（单位、项目、指标等清单表）',
    form: '目标表所用表式（标识或表式文件）：按它的栏目名称读，并写入表的 form',
    amountUnit: '金额单位（工作簿未写明时使用；与工作簿不符时报错）：万元 或 元',
    notice: '数据集的通知文件（工作簿没有“通知”表时）',
    imported: (file: string, kind: string) => `已读取 ${file}（${kind}）`,
    notWritten: (file: string) => `有错误，未写入 ${file}`,
    exportDescription:
      '把数据文件写成 Excel 工作簿：目标表、汇总表、表格，或数据集（每个单位一张工作表，另附两张批复汇总表，合计为公式）',
    data: '数据文件（.json、.yaml、.yml）',
    exportOut: '写入的工作簿（默认：数据文件同名的 .xlsx，在当前目录）',
    format: '输出格式（目前只有 xlsx）',
    wrote: (file: string) => `已写入 ${file}`,
    xlsx: '写 Excel 模板工作簿（而不是示例通知）：发给各单位填报',
    unknownForm: (id: string) => `没有名为“${id}”的表式（gongwen render --help 列出内置表式）`,
    noticeNotExported: '通知不导出为工作簿：工作簿用于目标表、汇总表、表格和批复数据集',
    initForm:
      '模板所用表式（标识或表式文件，如 fin2021/project）；省略时为一个单位的部门整体表和项目表',
    initLayout:
      '不指定表式时的版式：sheets（一个单位一张表，默认）或 rows（单位、项目、指标清单表）',
    templateReadme: (file: string) =>
      `# 绩效目标填报模板\n\n请在 ${file} 中填写，保存为 .xlsx 后交回；下拉列表中的一级、二级指标、指标值类型、项目属性请按列表选择。\n检查：\`npx gongwen validate ${file}\`；转成数据文件：\`npx gongwen import ${file} -o data.json\`\n`,
  },
  init: {
    description: '新建一份示例公文（notice.json）和说明（README.md），可直接排版',
    dir: '目标目录（默认：当前目录）',
    force: '覆盖已存在的文件',
    wrote: (file: string) => `已写入 ${file}`,
    next: (cmd: string) => `下一步：${cmd}`,
    readme: (cmd: string) =>
      `# 公文\n\n编辑 notice.json（编辑器会按 JSON Schema 提示字段），然后排版：\`${cmd}\`\n`,
  },
  fonts: {
    description:
      '列出每个字体角色用哪款字体、在哪里找到，以及它对 GB 2312 一二级汉字（6763 字）的覆盖',
    json: '以 JSON 输出结果',
    coverage: 'GB 2312 汉字覆盖',
    missingSample: '缺字举例',
    file: '文件',
    notFound: (message: string) => `找不到字体：${message}`,
  },

  // input and files
  fileNotFound: (file: string) => `找不到文件 ${file}`,
  fileNotRegular: (file: string) => `${file} 不是普通文件（是设备、管道或套接字），未读取`,
  fileTooLarge: (file: string, size: number, limit: number) =>
    `${file} 有 ${formatSize(size)}，超过 ${formatSize(limit)} 的上限，未读取`,
  notUtf8: (kind: 'utf16' | 'nul' | 'invalid', offset: number) =>
    kind === 'utf16'
      ? `文件是 UTF-16 编码（第 ${offset} 字节起）：请另存为 UTF-8`
      : kind === 'nul'
        ? `第 ${offset} 字节是 NUL（0x00）：数据文件应为 UTF-8 文本`
        : `文件不是 UTF-8 编码：第 ${offset} 字节起的字节不构成 UTF-8 字符（GBK 文件请另存为 UTF-8）`,
  duplicateKey: (key: string) => `键“${key}”在同一对象中出现了两次：请只保留一个`,
  tooDeep: (limit: number) => `嵌套超过 ${limit} 层：这不是公文数据`,
  yamlTag: (message: string) =>
    `YAML 中有不认识的标签：${message}（数据文件只能用普通的映射、序列和标量）`,
  yamlDocuments: (count: number) =>
    `YAML 文件含有 ${count} 个文档（以 --- 分隔）：一个文件只能放一份数据`,
  yamlAliases: (limit: number) => `YAML 别名（*引用）展开超过 ${limit} 次：疑似“别名炸弹”，未读取`,
  notRegularReason: '不是普通文件（是设备、管道或套接字）',
  tooLargeReason: (size: number, limit: number) =>
    `有 ${formatSize(size)}，超过 ${formatSize(limit)} 的上限`,
  imageNotRegular: (path: string) => `图像 ${path} 不是普通文件，未读取`,
  imageTooLarge: (path: string, size: number, limit: number) =>
    `图像文件 ${path} 有 ${formatSize(size)}，超过 ${formatSize(limit)} 的上限，未读取`,
  fileIsDirectory: (file: string) => `${file} 是目录，不是文件`,
  fileUnreadable: (file: string, reason: string) => `无法读取 ${file}：${reason}`,
  unknownExtension: (file: string) =>
    `不认识 ${file} 的扩展名：数据文件应为 .json、.yaml、.yml 或 Excel 工作簿 .xlsx（.xls 请先另存为 .xlsx）`,
  jsonSyntax: (message: string) => `JSON 语法错误：${message}`,
  yamlSyntax: (message: string) => `YAML 语法错误：${message}`,
  notAnObject: '文件内容应为一个对象（JSON 的 { … } 或 YAML 的键值映射）',
  imageUnreadable: (path: string, reason: string) => `无法读取图像文件 ${path}：${reason}`,
  fontUnreadable: (role: string, path: string, reason: string) =>
    `无法读取 ${role} 角色的字体文件 ${path}：${reason}`,
  badFontOption: (value: string, roles: string) =>
    `--font 应写作 角色=路径（如 fangsong=/usr/share/fonts/simfang.ttf），“${value}”不是；角色：${roles}`,
  badFormat: (value: string) => `不认识的格式“${value}”：可用 pdf、docx`,
  badJobs: (value: string) => `--jobs 应为正整数，“${value}”不是`,
  tooManyJobs: (value: string, max: number, cores: number) =>
    `--jobs 最多为 ${max}（本机 ${cores} 个处理器核心的两倍），“${value}”太多：线程多于核心只会轮流运行，徒增内存`,
  jobsOverCores: (jobs: number, cores: number) =>
    `提示：--jobs ${jobs} 多于本机的 ${cores} 个处理器核心，多出的线程不会更快，只会多占内存`,
  exists: (files: string[]) => `文件已存在，未写入任何文件：${files.join('、')}（加 --force 覆盖）`,
  outDirFailed: (dir: string, reason: string) => `无法写入输出目录 ${dir}：${reason}`,
  writeFailed: (file: string, reason: string) => `无法写入 ${file}：${reason}`,
  reasons: {
    ENOENT: '不存在',
    EACCES: '没有权限',
    EPERM: '不允许',
    ENOTDIR: '路径中有一段不是目录',
    EISDIR: '是目录',
    EEXIST: '已存在',
    ENOSPC: '磁盘已满',
    EROFS: '只读文件系统',
  } as Record<string, string>,
  /** what to do, in the command's flags, for the render errors the library advises on */
  advice: {
    'font.missingGlyphs':
      '请用 --font 角色=字体文件 为该角色指定收字更全的字体，或加 --missing-glyphs fallback 用其他字体补字。',
    'font.notFound': '请用 --font 角色=字体文件 指定字体文件（gongwen fonts 列出各角色用的字体）。',
  } as Record<string, string>,
  renderError: (code: string, message: string, element?: string) =>
    `错误 ${code}: ${message}${element ? `（位置：${element}）` : ''}`,
  unexpected: (message: string) => `意外错误：${message}`,
  /** commander's own error lines ("error: unknown option '--x'"), in Chinese */
  commander: (line: string): string => {
    const rules: [RegExp, (...g: string[]) => string][] = [
      [
        /^error: unknown option '(.*?)'(?:\s*\(Did you mean (.*?)\?\))?$/su,
        (o, s) => `未知选项 ${o}${s ? `（是不是 ${s}？）` : ''}`,
      ],
      [
        /^error: unknown command '(.*?)'(?:\s*\(Did you mean (.*?)\?\))?$/su,
        (c, s) => `未知命令 ${c}${s ? `（是不是 ${s}？）` : ''}`,
      ],
      [/^error: missing required argument '(.*?)'$/su, (a) => `缺少参数 ${a}`],
      [/^error: option '(.*?)' argument missing$/su, (o) => `选项 ${o} 缺少取值`],
      [/^error: required option '(.*?)' not specified$/su, (o) => `缺少必填选项 ${o}`],
      [/^error: too many arguments.*$/su, () => '参数过多'],
      [
        /^error: option '(.*?)' argument '(.*?)' is invalid\.\s*(.*)$/su,
        (o, v, r) => `选项 ${o} 的取值“${v}”无效${choices(r)}`,
      ],
    ];
    const choices = (r: string) => {
      const allowed = /^Allowed choices are (.*)\.$/su.exec(r);
      return allowed ? `（可选：${allowed[1]!.split(', ').join('、')}）` : `：${r}`;
    };
    const text = line.trim();
    for (const [re, f] of rules) {
      const g = re.exec(text);
      if (g) return `错误：${f(...g.slice(1).map((x) => x ?? ''))}\n`;
    }
    return line;
  },
};

export type Messages = typeof zh;

const en: Messages = {
  severity: { error: 'error', warning: 'warning' },
  error: 'error',
  kinds: {
    notice: 'notice',
    'department-table': 'department target table',
    'project-table': 'project target table',
    'department-summary': 'department summary',
    'project-summary': 'project summary',
    table: 'table',
    dataset: 'dataset',
  },
  origins: { caller: 'given (--font)', system: 'system font', default: 'default font' },
  roles: ROLE_NAMES,

  program:
    'Typed data to Chinese official documents (党政机关公文) laid out to GB/T 9704-2012, as PDF and DOCX',
  optLang: 'language of messages: zh (Chinese, default) or en; or set GONGWEN_LANG',
  optVersion: 'print the version',
  optHelp: 'show help',
  helpCommand: 'show help for a command',
  titles: {},
  examples: 'Examples:',
  moreHelp: 'Run gongwen <command> --help for each command’s options and an example.',
  usageHint: '(run gongwen --help for usage)',
  helpExtras: (description) => description,

  validate: {
    description:
      'validate data files (notices, target tables, summaries, datasets); print errors and warnings compiler-style',
    files: 'data files (.json, .yaml, .yml)',
    kind: 'what the files hold (default: detected from the content): ',
    json: 'print the result as JSON',
    ok: (kind) => `ok (${kind})`,
    summary: (files, errors, warnings) =>
      `${files} file${files === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  },
  templateFile: {
    unreadable: (file: string, why: string) => `cannot load the template file ${file}: ${why}`,
    noTemplate: (file: string) =>
      `the template file ${file} exports no template (a default or \`template\` export with id, accepts and layout)`,
  },
  lint: {
    strict: 'treat style rules (GB/T 9704’s presentation rules) as errors; they warn by default',
    rule: 'set a rule’s level, repeatable: CODE=error|warning|off, such as budget.keyTaskSum=warning',
    badRule: (value) =>
      `"${value}" is not CODE=LEVEL: the level is error, warning or off, such as budget.keyTaskSum=warning`,
    badConfig: (file) => `the configuration ${file} has errors (above)`,
  },
  render: {
    description:
      'render one notice or table (target table, summary, general table) to PDF and/or DOCX',
    file: 'the data file (.json, .yaml, .yml): a notice or a table, recognised by its content',
    kind: 'what the file holds (default: recognised by its content): ',
    label:
      'line 1 of the first page, such as "湛财绩〔2021〕2号附件1" (an annex distributed on its own; not for notices)',
    form: 'the form of a target table: an id (such as fin2021/project) or a form definition file (.json, .yaml)',
    formats: 'output formats, comma-separated: pdf, docx',
    outDir: 'output directory (default: the current directory)',
    template:
      'layout template: an id (e.g. gbt9704/letter) or a .js/.mjs file exporting one (default: from the notice’s format)',
    theme: 'theme file (JSON or YAML ThemeOverrides)',
    font: 'font file for a role, repeatable; roles: ',
    noSystemFonts: 'do not look for installed fonts (only --font and the defaults)',
    embedFonts:
      'fonts in the DOCX: subset (the default: the characters used, so a machine without the fonts shows the same faces), all (whole fonts), none (names only)',
    missingGlyphs:
      'a character the font lacks: error (default) or fallback (draw it in another font, with a warning)',
    force: 'overwrite existing files',
    notANotice: (kind) =>
      `this is a ${kind}: render takes one notice or table; for a dataset use gongwen batch`,
    labelForNotice: '--label is for tables on their own: a notice has its own fields for that',
    formForKind: (kind) => `--form is for target tables; this is a ${kind}`,
    wrote: (file, size, pages) =>
      `wrote ${file} (${size}${pages !== undefined ? `, ${pages} page${pages === 1 ? '' : 's'}` : ''})`,
    fontLine: (role, _roleName, face, origin, path) =>
      `  ${role}: ${face}, ${origin}${path ? ` ${path}` : ''}`,
    warning: (code, message) => `warning [${code}] ${message}`,
  },
  batch: {
    description:
      'render a dataset: the notice (with both approval summaries) and every unit’s annex documents',
    dataset: 'the dataset file (.json, .yaml, .yml, or an Excel workbook .xlsx)',
    outDir: 'output directory (required)',
    jobs: 'documents rendered at once on worker threads',
    notADataset: (kind) => `this is a ${kind}, not a dataset: for one notice use gongwen render`,
    line: (i, total, name, size) => `[${i}/${total}] wrote ${name} (${size})`,
    failedLine: (i, total, name) => `[${i}/${total}] FAILED ${name}`,
    failed: (name, unit, code, message) =>
      `failed ${name}${unit ? ` (unit ${unit})` : ''}: ${code ? `[${code}] ` : ''}${message}`,
    summary: (written, failed, seconds, dir) =>
      `done: ${written} file${written === 1 ? '' : 's'} written to ${dir}${failed > 0 ? `, ${failed} failed` : ''}, ${seconds} s`,
    eta: 'ETA',
  },
  workbook: {
    importDescription:
      'read an Excel workbook (.xlsx) into a data file: a target table, a summary, a table or a whole approval dataset, each problem named by its cell',
    file: 'an Excel workbook (.xlsx)',
    out: 'the data file to write (.json or .yaml; default: print to standard output)',
    kind: 'what the workbook holds (default: told by its sheets): ',
    layout:
      "a dataset's layout: sheets (a sheet per unit) or rows (lists of units, projects, indicators …)",
    form: 'the form of its target tables (an id or a form file): its labels are read, and the tables name it',
    amountUnit:
      'the amount unit when the workbook does not say (an error when it says otherwise): 万元 or 元',
    notice: "the dataset's notice file (when the workbook has no 通知 sheet)",
    imported: (file, kind) => `read ${file} (${kind})`,
    notWritten: (file) => `errors found, ${file} not written`,
    exportDescription:
      'write a data file as an Excel workbook: a target table, a summary, a table, or a dataset (a sheet per unit and the two 批复汇总表 with formula totals)',
    data: 'a data file (.json, .yaml, .yml)',
    exportOut:
      "the workbook to write (default: the data file's name with .xlsx, in the current directory)",
    format: 'output format (xlsx only, for now)',
    wrote: (file) => `wrote ${file}`,
    xlsx: 'write an Excel template workbook (instead of a starter notice) for units to fill in',
    unknownForm: (id) =>
      `no form is registered as "${id}" (gongwen render --help lists the built-in forms)`,
    noticeNotExported:
      'a notice is not exported as a workbook: workbooks hold target tables, summaries, tables and approval datasets',
    initForm:
      "the template's form (an id or a form file, such as fin2021/project); default: a unit's 部门整体 and 项目支出 tables",
    initLayout:
      'without a form: sheets (one unit, default) or rows (lists of units, projects, indicators)',
    templateReadme: (file) =>
      `# Target tables template\n\nFill in ${file}, save it as .xlsx and send it back; pick 一级/二级指标, 指标值类型 and 项目属性 from their lists.\nCheck it: \`npx gongwen validate ${file}\`; turn it into a data file: \`npx gongwen import ${file} -o data.json\`\n`,
  },
  init: {
    description: 'write a starter notice (notice.json) and a README.md, ready to render',
    dir: 'target directory (default: the current directory)',
    force: 'overwrite existing files',
    wrote: (file) => `wrote ${file}`,
    next: (cmd) => `next: ${cmd}`,
    readme: (cmd) =>
      `# Notice\n\nEdit notice.json (editors complete it from its JSON Schema), then render it: \`${cmd}\`\n`,
  },
  fonts: {
    description:
      'for each font role: the face that serves it, where it was found, and its coverage of the 6763 GB 2312 hanzi',
    json: 'print the result as JSON',
    coverage: 'GB 2312 hanzi covered',
    missingSample: 'missing, e.g.',
    file: 'file',
    notFound: (message) => `font not found: ${message}`,
  },

  fileNotFound: (file) => `no such file: ${file}`,
  fileNotRegular: (file) => `${file} is not a regular file (a device, pipe or socket): not read`,
  fileTooLarge: (file, size, limit) =>
    `${file} is ${formatSize(size)}, over the limit of ${formatSize(limit)}: not read`,
  notUtf8: (kind, offset) =>
    kind === 'utf16'
      ? `the file is UTF-16 (from byte ${offset}): save it as UTF-8`
      : kind === 'nul'
        ? `byte ${offset} is NUL (0x00): data files are UTF-8 text`
        : `the file is not UTF-8: the bytes from offset ${offset} are no UTF-8 character (save GBK files as UTF-8)`,
  duplicateKey: (key) => `the key "${key}" appears twice in one object: keep one`,
  tooDeep: (limit) => `nested more than ${limit} levels deep: this is no document data`,
  yamlTag: (message) =>
    `unknown YAML tag: ${message} (data files use plain mappings, sequences and scalars)`,
  yamlDocuments: (count) =>
    `the YAML file holds ${count} documents (separated by ---): one file holds one`,
  yamlAliases: (limit) =>
    `YAML aliases (*refs) expand more than ${limit} times: an alias bomb? not read`,
  notRegularReason: 'not a regular file (a device, pipe or socket)',
  tooLargeReason: (size, limit) => `${formatSize(size)}, over the limit of ${formatSize(limit)}`,
  imageNotRegular: (path) => `the image ${path} is not a regular file: not read`,
  imageTooLarge: (path, size, limit) =>
    `the image file ${path} is ${formatSize(size)}, over the limit of ${formatSize(limit)}: not read`,
  fileIsDirectory: (file) => `${file} is a directory, not a file`,
  fileUnreadable: (file, reason) => `cannot read ${file}: ${reason}`,
  unknownExtension: (file) =>
    `unknown extension of ${file}: data files are .json, .yaml, .yml or Excel workbooks (.xlsx; save an .xls as .xlsx first)`,
  jsonSyntax: (message) => `JSON syntax error: ${message}`,
  yamlSyntax: (message) => `YAML syntax error: ${message}`,
  notAnObject: 'the file must hold one object (a JSON { … } or a YAML mapping)',
  imageUnreadable: (path, reason) => `cannot read image file ${path}: ${reason}`,
  fontUnreadable: (role, path, reason) => `cannot read the ${role} font file ${path}: ${reason}`,
  badFontOption: (value, roles) =>
    `--font takes ROLE=PATH (e.g. fangsong=/usr/share/fonts/simfang.ttf), not "${value}"; roles: ${roles}`,
  badFormat: (value) => `unknown format "${value}": use pdf, docx`,
  badJobs: (value) => `--jobs takes a positive integer, not "${value}"`,
  tooManyJobs: (value, max, cores) =>
    `--jobs is at most ${max} (twice this machine's ${cores} cores), not "${value}": threads beyond the cores only take turns and add memory`,
  jobsOverCores: (jobs, cores) =>
    `note: --jobs ${jobs} is more than this machine's ${cores} cores; the extra threads will not be faster, only use more memory`,
  exists: (files) => `file exists, nothing written: ${files.join(', ')} (use --force to overwrite)`,
  outDirFailed: (dir, reason) => `cannot write to the output directory ${dir}: ${reason}`,
  writeFailed: (file, reason) => `cannot write ${file}: ${reason}`,
  reasons: {
    ENOENT: 'does not exist',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a part of the path is not a directory',
    EISDIR: 'is a directory',
    EEXIST: 'exists',
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
  },
  advice: {
    'font.missingGlyphs':
      'Give the role a font with more characters with --font ROLE=FILE, or draw the missing characters in another font with --missing-glyphs fallback.',
    'font.notFound':
      'Give a font file with --font ROLE=FILE (gongwen fonts lists the font of each role).',
  },
  renderError: (code, message, element) =>
    `error [${code}]${element ? ` at ${element}` : ''}: ${message}`,
  unexpected: (message) => `unexpected error: ${message}`,
  commander: (line) => line,
};

export const MESSAGES: Record<Lang, Messages> = { zh, en };

/** The language: `--lang` anywhere on the command line, else GONGWEN_LANG, else Chinese. */
export function pickLang(argv: readonly string[], env: Record<string, string | undefined>): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v === 'en' || v === 'zh') return v;
  }
  const fromEnv = env.GONGWEN_LANG?.toLowerCase();
  return fromEnv === 'en' || fromEnv?.startsWith('en_') || fromEnv?.startsWith('en-') ? 'en' : 'zh';
}

/** A system error's reason in the user's language: "没有权限 (EACCES)". */
export function reason(m: Messages, e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const text = m.reasons[code];
    return text ? `${text} (${code})` : code;
  }
  return e instanceof Error ? e.message : String(e);
}

/** "76.1 KB" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
