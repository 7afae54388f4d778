import { z } from "zod";
import { ASSIGNEE_MAX_LENGTH, TAG_PATTERN, TAGS_MAX_COUNT } from "./task.ts";

/** One schema for a task's tags, assignee and position, shared by the WebSocket protocol, REST and the page. */
export const tag = z.string().regex(TAG_PATTERN, { message: "expected a tag slug matching ^[a-z0-9][a-z0-9-]{0,31}$" });

/** Duplicates are dropped, first occurrence kept. */
export const tags = z
  .array(tag)
  .max(TAGS_MAX_COUNT, { message: `expected at most ${TAGS_MAX_COUNT} tags` })
  .transform((list) => [...new Set(list)]);

/** A user id (auth required: a board member's, checked by the service) or a name (auth open); null unassigns. */
export const assignee = z.string().min(1).max(ASSIGNEE_MAX_LENGTH).nullable();

/** 0-based index in the target column; past the end means the end. */
export const position = z.number().int().nonnegative();

/** `?tag=a&tag=b`: tasks having every tag. */
export const tagQuery = z
  .union([tag, z.array(tag).max(TAGS_MAX_COUNT, { message: `expected at most ${TAGS_MAX_COUNT} tags` })])
  .transform((value) => [...new Set(Array.isArray(value) ? value : [value])]);
