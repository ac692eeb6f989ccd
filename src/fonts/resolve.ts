import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { FONT_ROLES, type FontRole } from '../layout/types.js';
import { GongwenRenderError, type Messages } from '../errors.js';
import { DEFAULT_FILES, SYSTEM_CANDIDATES, type Candidate } from './candidates.js';
import type { FontFace } from './face.js';

/** A font given by the caller: a file path, bytes, or either with the face of a collection. */
export type FontSource =
  | string
  | Uint8Array
  | { path: string; postscriptName?: string }
  | { bytes: Uint8Array; postscriptName?: string };

export type FontSources = Partial<Record<FontRole, FontSource>>;

export interface FontOptions {
  /** Fonts per role; these win over everything found on the system. */
  fonts?: FontSources;
  /** Look for installed fonts under their usual names (default true). */
  systemFonts?: boolean;
}

/** The face that serves one role, as reported to the caller. */
export interface FontReport {
  /** family name inside the font, e.g. "FangSong" or "Noto Serif SC" */
  family: string;
  postscriptName: string;
  origin: 'caller' | 'system' | 'default';
  path?: string;
}

export interface ResolvedFont extends FontReport {
  bytes: Uint8Array;
  font: FontFace;
}

export type ResolvedFontSet = Record<FontRole, ResolvedFont>;

// Parsed fonts are kept for the life of the process: parsing a 15 MB CJK font is the dominant
// cost of a render (spec/engines.md), and the files do not change under a running process.
const parsed = new Map<string, { bytes: Uint8Array; font: fontkit.Font }>();
const byBytes = new WeakMap<Uint8Array, Map<string, fontkit.Font>>();

function parse(
  bytes: Uint8Array,
  postscriptName: string | undefined,
  what: Messages,
): fontkit.Font {
  let faces = byBytes.get(bytes);
  const key = postscriptName ?? '';
  const hit = faces?.get(key);
  if (hit) return hit;
  let font: fontkit.Font;
  try {
    const created = fontkit.create(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      postscriptName,
    );
    if ('fonts' in created) {
      const first = (created as fontkit.FontCollection).fonts[0];
      if (!first) throw new Error('empty font collection');
      font = first;
    } else {
      font = created as fontkit.Font;
    }
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new GongwenRenderError(
      'font.unreadable',
      { zh: `无法读取字体${what.zh}：${reason}`, en: `cannot read the font${what.en}: ${reason}` },
      undefined,
      { cause },
    );
  }
  if (!faces) byBytes.set(bytes, (faces = new Map()));
  faces.set(key, font);
  return font;
}

// Font files another thread read and handed over (batch workers): read from here, not again.
const handedOver = new Map<string, Uint8Array>();

/**
 * A font file's bytes, in memory that worker threads can be handed without a copy: a CJK font is
 * 10–20 MB, and each batch worker held its own copy of every one.
 */
function readShared(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let at = 0;
    for (let n = 1; at < size && n > 0; at += n) n = readSync(fd, bytes, at, size - at, at);
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** `bytes` in shared memory: themselves when they already are, else a copy. */
export function sharedBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}

/** A font file and its bytes, as one thread hands them to another. */
export interface FontFile {
  path: string;
  bytes: Uint8Array;
}

/** The files behind a resolved set, in shared memory: for `adoptFontFiles` in another thread. */
export function sharedFontFiles(set: ResolvedFontSet): FontFile[] {
  const files = new Map<string, Uint8Array>();
  for (const role of FONT_ROLES) {
    const { path, bytes } = set[role];
    if (path !== undefined) files.set(path, sharedBytes(bytes));
  }
  return [...files].map(([path, bytes]) => ({ path, bytes }));
}

/**
 * Takes the files another thread read (`sharedFontFiles`): fonts are resolved here as before,
 * by path, but these paths are not read again.
 */
export function adoptFontFiles(files: readonly FontFile[]): void {
  for (const { path, bytes } of files) handedOver.set(path, bytes);
}

function loadFile(
  path: string,
  postscriptName: string | undefined,
): { bytes: Uint8Array; font: fontkit.Font } {
  const key = `${path}\u0000${postscriptName ?? ''}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  let bytes: Uint8Array;
  try {
    bytes = handedOver.get(path) ?? readShared(path);
  } catch (cause) {
    throw new GongwenRenderError(
      'font.unreadable',
      { zh: `无法读取字体文件 ${path}`, en: `cannot read the font file ${path}` },
      undefined,
      { cause },
    );
  }
  const entry = { bytes, font: parse(bytes, postscriptName, { zh: ` ${path}`, en: ` ${path}` }) };
  parsed.set(key, entry);
  return entry;
}

function fromCaller(role: FontRole, source: FontSource): ResolvedFont {
  const spec =
    typeof source === 'string'
      ? { path: source }
      : source instanceof Uint8Array
        ? { bytes: source }
        : source;
  if ('path' in spec) {
    const { bytes, font } = loadFile(spec.path, spec.postscriptName);
    return report(font, bytes, 'caller', spec.path);
  }
  const font = parse(spec.bytes, spec.postscriptName, { zh: `（${role}）`, en: ` (${role})` });
  return report(font, spec.bytes, 'caller');
}

function report(
  font: fontkit.Font,
  bytes: Uint8Array,
  origin: FontReport['origin'],
  path?: string,
): ResolvedFont {
  const r: ResolvedFont = {
    family: font.familyName,
    postscriptName: font.postscriptName,
    origin,
    bytes,
    font,
  };
  if (path !== undefined) r.path = path;
  return r;
}

function fontDirectories(): string[] {
  const home = homedir();
  switch (process.platform) {
    case 'win32': {
      const win = process.env.WINDIR ?? 'C:\\Windows';
      const local = process.env.LOCALAPPDATA;
      return [join(win, 'Fonts'), ...(local ? [join(local, 'Microsoft', 'Windows', 'Fonts')] : [])];
    }
    case 'darwin':
      return ['/System/Library/Fonts', '/Library/Fonts', join(home, 'Library', 'Fonts')];
    default:
      return [
        '/usr/share/fonts',
        '/usr/local/share/fonts',
        join(home, '.fonts'),
        join(home, '.local', 'share', 'fonts'),
      ];
  }
}

let systemIndex: Map<string, string> | undefined;

/** File name (lower case) → path of every font file under the usual directories, walked once. */
function indexSystemFonts(): Map<string, string> {
  if (systemIndex) return systemIndex;
  const index = new Map<string, string>();
  const walk = (dir: string, depth: number) => {
    if (depth > 5 || index.size > 50_000) return;
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = join(dir, name);
      if (/\.(ttf|otf|ttc)$/iu.test(name)) {
        const key = name.toLowerCase();
        if (!index.has(key)) index.set(key, full);
        continue;
      }
      try {
        if (statSync(full).isDirectory()) walk(full, depth + 1);
      } catch {
        // unreadable entries are skipped: a font directory is not ours to fix
      }
    }
  };
  for (const dir of fontDirectories()) if (existsSync(dir)) walk(dir, 0);
  systemIndex = index;
  return index;
}

function fromSystem(role: FontRole): ResolvedFont | undefined {
  const index = indexSystemFonts();
  for (const c of SYSTEM_CANDIDATES[role] as readonly Candidate[]) {
    const path = index.get(c.file);
    if (!path) continue;
    try {
      const { bytes, font } = loadFile(path, c.postscriptName);
      return report(font, bytes, 'system', path);
    } catch {
      // a damaged or unexpected file: try the next candidate
    }
  }
  return undefined;
}

const requireFromHere = createRequire(import.meta.url);

function fromDefaults(role: FontRole): ResolvedFont {
  const { pkg, file } = DEFAULT_FILES[role];
  let path: string;
  try {
    path = requireFromHere.resolve(`${pkg}/${file}`);
  } catch {
    throw new GongwenRenderError(
      'font.notFound',
      {
        zh: `找不到“${role}”角色的字体：系统中没有常用字体，默认字体包 ${pkg} 也未安装（它是可选依赖；npm install --omit=optional 会略过它）。`,
        en: `no font for the role "${role}": the system has none of the usual fonts, and the default font package ${pkg} is not installed (it is an optional dependency; npm install --omit=optional skips it).`,
      },
      undefined,
      {
        advice: {
          zh: `请通过 fonts.${role} 指定字体文件。`,
          en: `Give a font file through fonts.${role}.`,
        },
      },
    );
  }
  const { bytes, font } = loadFile(path, undefined);
  return report(font, bytes, 'default', path);
}

/**
 * Picks the face for every role: what the caller passes, else a font installed under its usual
 * name, else the free default from the optional dependencies.
 */
export function resolveFonts(options: FontOptions = {}): ResolvedFontSet {
  const out = {} as ResolvedFontSet;
  for (const role of FONT_ROLES) {
    const given = options.fonts?.[role];
    out[role] =
      (given !== undefined ? fromCaller(role, given) : undefined) ??
      (options.systemFonts === false ? undefined : fromSystem(role)) ??
      fromDefaults(role);
  }
  return out;
}

/** What served each role, without the bytes: for render results and `gongwen fonts`. */
export function fontReports(set: ResolvedFontSet): Record<FontRole, FontReport> {
  const out = {} as Record<FontRole, FontReport>;
  for (const role of FONT_ROLES) {
    const { family, postscriptName, origin, path } = set[role];
    out[role] =
      path === undefined
        ? { family, postscriptName, origin }
        : { family, postscriptName, origin, path };
  }
  return out;
}
