-- Tags are a text[] on the task row, not a task_tags table: every read of a task (snapshots, events) needs its
-- tags, and an array comes with the row without a join or aggregate; "has all of these tags" is `tags @> $1`,
-- which the GIN index answers. Tags are never queried on their own (no tag entity, no per-tag metadata).
ALTER TABLE tasks ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
CREATE INDEX tasks_tags_idx ON tasks USING GIN (tags);

-- A board member's user id, or with SWAGBOARD_AUTH=open any name: text, not a foreign key; the server checks membership.
ALTER TABLE tasks ADD COLUMN assignee text;
CREATE INDEX tasks_assignee_idx ON tasks (board_id, assignee) WHERE assignee IS NOT NULL;

-- Dense 0..n-1 positions per column, renumbered in the change's transaction under the board row lock that also
-- allocates the seq, so concurrent moves on any replica are serialised. Existing tasks keep their creation order.
ALTER TABLE tasks ADD COLUMN position integer;
UPDATE tasks SET position = numbered.position
  FROM (SELECT board_id, id, (row_number() OVER (PARTITION BY board_id, column_name ORDER BY created_at, id) - 1)::integer AS position FROM tasks) AS numbered
  WHERE tasks.board_id = numbered.board_id AND tasks.id = numbered.id;
ALTER TABLE tasks ALTER COLUMN position SET NOT NULL;
-- Deferred: a renumbering passes through duplicates mid-statement; at commit there must be none.
ALTER TABLE tasks ADD CONSTRAINT tasks_position_key UNIQUE (board_id, column_name, position) DEFERRABLE INITIALLY DEFERRED;
