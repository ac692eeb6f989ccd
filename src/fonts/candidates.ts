import type { FontRole } from '../layout/types.js';

/** A font file looked for on the system: its file name (lower case) and, for a collection, the face. */
export interface Candidate {
  file: string;
  postscriptName?: string;
}

/**
 * Where each role is found on machines people use: Windows and WPS installs, 方正 fonts on
 * government machines, macOS, and Linux packages (Noto CJK, AR PL, LXGW WenKai, Fandol). Order is
 * preference: the faces GB/T 9704 names first, free stand-ins after.
 */
export const SYSTEM_CANDIDATES: Record<FontRole, readonly Candidate[]> = {
  xiaobiaosong: [
    { file: 'fzxbsjw.ttf' }, // 方正小标宋简体
    { file: '方正小标宋简体.ttf' },
    { file: 'fzxbsk.ttf' }, // 方正小标宋_GBK
    { file: '方正小标宋_gbk.ttf' },
    { file: 'notoserifcjk-bold.ttc', postscriptName: 'NotoSerifCJKsc-Bold' },
    { file: 'notoserifcjksc-bold.otf' },
    { file: 'sourcehanserifsc-bold.otf' },
    { file: 'fandolsong-bold.otf' },
  ],
  fangsong: [
    { file: 'simfang.ttf' }, // 仿宋
    { file: 'fangsong_gb2312.ttf' },
    { file: '仿宋_gb2312.ttf' },
    { file: 'fzfsk.ttf' }, // 方正仿宋_GBK
    { file: 'fzfsjw.ttf' },
    { file: 'stfangso.ttf' }, // 华文仿宋
    { file: 'fandolfang-regular.otf' },
    { file: 'notoserifcjk-regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
    { file: 'notoserifcjksc-regular.otf' },
    { file: 'gbsn00lp.ttf' }, // AR PL SungtiL GB
  ],
  heiti: [
    { file: 'simhei.ttf' }, // 黑体
    { file: 'fzhtk.ttf' },
    { file: 'stheiti.ttf' },
    { file: 'fandolhei-regular.otf' },
    { file: 'notosanscjk-regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
    { file: 'notosanscjksc-regular.otf' },
    { file: 'sourcehansanssc-regular.otf' },
    { file: 'wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' },
  ],
  kaiti: [
    { file: 'simkai.ttf' }, // 楷体
    { file: 'kaiti_gb2312.ttf' },
    { file: '楷体_gb2312.ttf' },
    { file: 'fzktk.ttf' },
    { file: 'stkaiti.ttf' }, // 华文楷体
    { file: 'lxgwwenkai-regular.ttf' },
    { file: 'fandolkai-regular.otf' },
    { file: 'gkai00mp.ttf' }, // AR PL KaitiM GB
  ],
  songti: [
    { file: 'simsun.ttc', postscriptName: 'SimSun' }, // 宋体
    { file: 'simsun.ttf' },
    { file: 'fzssk.ttf' },
    { file: 'stsong.ttf' },
    { file: 'fandolsong-regular.otf' },
    { file: 'notoserifcjk-regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
    { file: 'notoserifcjksc-regular.otf' },
    { file: 'gbsn00lp.ttf' },
  ],
};

/**
 * The free defaults that `npm install` brings (optional dependencies): Noto Serif SC stands in for
 * 宋体 and 仿宋 (no free 仿宋 covers GB 2312), its Bold for 小标宋, Noto Sans SC for 黑体. There is
 * no whole-font 楷体 on the registry, so 楷体 falls back to the serif and the render report says so.
 */
export const DEFAULT_FILES: Record<FontRole, { pkg: string; file: string }> = {
  xiaobiaosong: {
    pkg: '@expo-google-fonts/noto-serif-sc',
    file: '700Bold/NotoSerifSC_700Bold.ttf',
  },
  fangsong: {
    pkg: '@expo-google-fonts/noto-serif-sc',
    file: '400Regular/NotoSerifSC_400Regular.ttf',
  },
  heiti: { pkg: '@expo-google-fonts/noto-sans-sc', file: '500Medium/NotoSansSC_500Medium.ttf' },
  kaiti: { pkg: '@expo-google-fonts/noto-serif-sc', file: '400Regular/NotoSerifSC_400Regular.ttf' },
  songti: {
    pkg: '@expo-google-fonts/noto-serif-sc',
    file: '400Regular/NotoSerifSC_400Regular.ttf',
  },
};
