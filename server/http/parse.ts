import type { Request } from 'express';
import type { z } from 'zod';
import { isBoardId } from '../board/task.ts';
import { SwagError } from '../errors.ts';

/** Validates a body or query; E_BAD_FRAME names each bad field. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new SwagError(
    'E_BAD_FRAME',
    result.error.issues.map((issue) => `field "${issue.path.join('.')}": ${issue.message}`).join('; '),
  );
}

export function boardParam(req: Request): string {
  const board = String(req.params.board);
  if (!isBoardId(board))
    throw new SwagError('E_BAD_FRAME', 'field "board": expected a board slug matching ^[a-z0-9][a-z0-9-]{0,63}$');
  return board;
}
