import { z } from "zod";
import { ASSIGNEE_MAX_LENGTH, COLUMN_MAX_LENGTH, NOTES_MAX_LENGTH, TAG_PATTERN, TAGS_MAX_COUNT, TITLE_MAX_LENGTH } from "./task.ts";

/** A lone UTF-16 surrogate: the u flag reads a well-formed pair as one code point, so only unpaired halves match. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Text that can be stored and sent back exactly as given. Postgres keeps UTF-8, where a lone surrogate has no
 * encoding (it would come back as U+FFFD), so such text is refused rather than silently changed.
 */
export const wellFormedText = () =>
  z.string().refine((value) => !LONE_SURROGATE.test(value), { message: "expected well-formed Unicode text; a lone surrogate (e.g. \\ud800) cannot be stored as given" });

/** One schema for a task's fields, shared by the WebSocket protocol and REST (and tags, assignee, position by the page). */
export const title = wellFormedText().trim().min(1).max(TITLE_MAX_LENGTH);
export const column = wellFormedText().trim().min(1).max(COLUMN_MAX_LENGTH);
/** Not trimmed: notes keep their line breaks and indentation; empty clears them. */
export const notes = wellFormedText().max(NOTES_MAX_LENGTH);

export const tag = z.string().regex(TAG_PATTERN, { message: "expected a tag slug matching ^[a-z0-9][a-z0-9-]{0,31}$" });

/** Duplicates are dropped, first occurrence kept. */
export const tags = z
  .array(tag)
  .max(TAGS_MAX_COUNT, { message: `expected at most ${TAGS_MAX_COUNT} tags` })
  .transform((list) => [...new Set(list)]);

/** A user id (auth required: a board member's, checked by the service) or a name (auth open); null unassigns. */
export const assignee = wellFormedText().min(1).max(ASSIGNEE_MAX_LENGTH).nullable();

/** 0-based index in the target column; past the end means the end. */
export const position = z.number().int().nonnegative();

/** `?tag=a&tag=b`: tasks having every tag. */
export const tagQuery = z
  .union([tag, z.array(tag).max(TAGS_MAX_COUNT, { message: `expected at most ${TAGS_MAX_COUNT} tags` })])
  .transform((value) => [...new Set(Array.isArray(value) ? value : [value])]);
