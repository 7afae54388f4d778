import { z } from 'zod';
import {
  ASSIGNEE_MAX_LENGTH,
  COLUMN_MAX_LENGTH,
  NOTES_MAX_LENGTH,
  TAG_PATTERN,
  TAGS_MAX_COUNT,
  TITLE_MAX_LENGTH,
} from './task.ts';

/**
 * What Postgres text cannot hold: NUL (U+0000), and a lone UTF-16 surrogate, which has no UTF-8 encoding (the u flag
 * reads a well-formed pair as one code point, so only unpaired halves match \p{Cs}).
 */
const UNSTORABLE = /\u0000|\p{Cs}/u;

/**
 * Text that can be stored and sent back exactly as given. Such text is refused rather than silently changed (a lone
 * surrogate would come back as U+FFFD) or sent on to fail in Postgres (NUL), where it would fail its whole
 * group-commit batch, other clients' changes included.
 */
export const wellFormedText = () =>
  z.string().refine((value) => !UNSTORABLE.test(value), {
    message:
      'expected well-formed Unicode text without NUL; U+0000 and lone surrogates (e.g. \\ud800) cannot be stored as given',
  });

/** One schema for a task's fields, shared by the WebSocket protocol and REST (and tags, assignee, position by the page). */
export const title = wellFormedText().trim().min(1).max(TITLE_MAX_LENGTH);
export const column = wellFormedText().trim().min(1).max(COLUMN_MAX_LENGTH);
/** Not trimmed: notes keep their line breaks and indentation; empty clears them. */
export const notes = wellFormedText().max(NOTES_MAX_LENGTH);

export const tag = z.string().regex(TAG_PATTERN, { message: 'expected a tag slug matching ^[a-z0-9][a-z0-9-]{0,31}$' });

/** Duplicates are dropped, first occurrence kept. */
export const tags = z
  .array(tag)
  .max(TAGS_MAX_COUNT, { message: `expected at most ${TAGS_MAX_COUNT} tags` })
  .transform((list) => [...new Set(list)]);

/** A user id (auth required: a board member's, checked by the service) or a name (auth open); null unassigns. */
export const assignee = wellFormedText().min(1).max(ASSIGNEE_MAX_LENGTH).nullable();

/** Positions are Postgres integers; a column never holds this many tasks, so anything beyond already means the end. */
export const POSITION_LIMIT = 2 ** 31 - 1;

/**
 * 0-based index in the target column; past the end means the end. Larger values are clamped here, where they stop
 * meaning anything: sent on, one would fail its whole group-commit batch (integer out of range), others' changes too.
 */
export const position = z
  .number()
  .int()
  .nonnegative()
  .transform((value) => Math.min(value, POSITION_LIMIT));

/** `?tag=a&tag=b`: tasks having every tag. */
export const tagQuery = z
  .union([tag, z.array(tag).max(TAGS_MAX_COUNT, { message: `expected at most ${TAGS_MAX_COUNT} tags` })])
  .transform((value) => [...new Set(Array.isArray(value) ? value : [value])]);
