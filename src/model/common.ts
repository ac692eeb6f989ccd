import { z } from 'zod';

/** Non-empty text, trimmed. */
export const Text = z.string().trim().min(1);

/** Lets a data file name its JSON Schema for editor completion; ignored otherwise. */
export const SchemaRef = z.string().optional().describe('JSON Schema 地址（供编辑器补全）');

/** 预算年度 */
export const Year = z.number().int().min(1949).max(2100).describe('预算年度，如 2021');
