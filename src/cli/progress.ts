import type { Ctx } from './io.js';

/** Progress over a known number of steps: a bar on a terminal, one plain line per step otherwise. */
export interface Progress {
  /** one step done; `line` is what a plain log prints for it ("[12/353] 写入 …") */
  step(line: string, label: string): void;
  /** a message that must stay on screen (a failure), printed above the bar */
  note(line: string): void;
  /** clears the bar */
  done(): void;
}

/** "1分05秒" / "1m05s" */
export function formatDuration(seconds: number, lang: Ctx['lang']): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const min = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (lang === 'zh') {
    if (h > 0) return `${h}时${pad(min)}分`;
    return min > 0 ? `${min}分${pad(sec)}秒` : `${sec}秒`;
  }
  if (h > 0) return `${h}h${pad(min)}m`;
  return min > 0 ? `${min}m${pad(sec)}s` : `${sec}s`;
}

/** Display width: East Asian wide characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x1100 ? 2 : 1;
  return w;
}

function truncate(text: string, max: number): string {
  if (width(text) <= max) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = ch.codePointAt(0)! >= 0x1100 ? 2 : 1;
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** The bar's text: "[███████░░░░░░░░░░░░░] 12/353   3% 剩余 1分20秒 name" */
export function barLine(
  done: number,
  total: number,
  elapsedMs: number,
  label: string,
  ctx: Ctx,
  columns = 80,
): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const cells = 20;
  const filled = Math.round(fraction * cells);
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(cells - filled)}]`;
  const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const eta =
    done > 0 && done < total
      ? ` ${ctx.m.batch.eta} ${formatDuration(((elapsedMs / done) * (total - done)) / 1000, ctx.lang)}`
      : '';
  return truncate(`${bar} ${done}/${total} ${percent}${eta} ${label}`, Math.max(columns, 40) - 1);
}

export function createProgress(ctx: Ctx, total: number, now: () => number = Date.now): Progress {
  const { io } = ctx;
  const start = now();
  let done = 0;
  if (!io.isTTY) {
    return {
      step: (line) => {
        done++;
        io.stdout.write(`${line}\n`);
      },
      note: (line) => io.stderr.write(`${line}\n`),
      done: () => undefined,
    };
  }
  let last = '';
  const draw = () => io.stderr.write(`\r\x1b[K${last}`);
  return {
    step: (_line, label) => {
      done++;
      last = barLine(done, total, now() - start, label, ctx, io.columns || 80);
      draw();
    },
    note: (line) => {
      io.stderr.write(`\r\x1b[K${line}\n`);
      if (last) draw();
    },
    done: () => {
      if (last) io.stderr.write('\r\x1b[K');
    },
  };
}
