import { createRequire } from 'node:module';
import type { FontRole, FontSources } from '../../src/index.js';

const require = createRequire(import.meta.url);
const serif = (w: string) =>
  require.resolve(`@expo-google-fonts/noto-serif-sc/${w}/NotoSerifSC_${w}.ttf`);
const sans = (w: string) =>
  require.resolve(`@expo-google-fonts/noto-sans-sc/${w}/NotoSansSC_${w}.ttf`);

/**
 * One distinct face per role, so the tests can tell from a PDF which role drew each line (the
 * defaults share Noto Serif SC Regular between 仿宋, 楷体 and 宋体).
 */
export const TEST_FONTS: FontSources = {
  xiaobiaosong: serif('700Bold'),
  fangsong: serif('400Regular'),
  heiti: sans('500Medium'),
  kaiti: serif('500Medium'),
  songti: serif('300Light'),
};

export const TEST_FONT_NAMES: Record<FontRole, RegExp> = {
  xiaobiaosong: /NotoSerifSC-Bold/u,
  fangsong: /NotoSerifSC-Regular/u,
  heiti: /NotoSansSC-Medium/u,
  kaiti: /NotoSerifSC-Medium/u,
  songti: /NotoSerifSC-Light/u,
};
