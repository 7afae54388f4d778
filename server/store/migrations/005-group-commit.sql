-- Group commit: one statement applies a batch of changes of one board, so the board row lock is held for one
-- round trip and one commit however many changes the batch carries (before: 4-5 round trips per change).

-- A task as it appears in events and snapshots (server/board/task.ts); times in epoch ms, truncated like the
-- JavaScript Date that node-postgres makes of a timestamptz.
CREATE FUNCTION swagboard_task_json(t tasks) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', t.id, 'board', t.board_id, 'title', t.title, 'column', t.column_name, 'position', t.position,
    'notes', t.notes, 'tags', to_jsonb(t.tags), 'assignee', t.assignee, 'version', t.version,
    'createdAt', floor(extract(epoch FROM t.created_at) * 1000)::bigint,
    'updatedAt', floor(extract(epoch FROM t.updated_at) * 1000)::bigint)
$$;

-- Applies `p_changes` (a JSON array, see server/store/board-changes.ts) to board `p_board` in array order, under the
-- board row lock, and returns one row per change: its seq and event data, or an error code. A change that cannot
-- apply (its task is not on the board) is checked here, before it writes anything, so it consumes no seq and the
-- other changes of the batch still apply; no savepoint per change (a subtransaction per change would overflow
-- Postgres' 64-entry subtransaction cache at batches above 64 and slow every other backend's snapshots).
--
-- Positions stay dense 0..n-1 per column (PROTOCOL.md, "Positions"): a create appends at max(position) + 1, which
-- is the column's task count because positions are dense, found by a backward scan of the tasks_position_key
-- index (board_id, column_name, position) instead of a count(*) over the column; moves and deletes close the gap.
-- The unique constraint on positions is deferred to commit, so shifts may pass through duplicates.
CREATE FUNCTION swagboard_apply_changes(p_board text, p_changes jsonb)
RETURNS TABLE (change_index integer, change_seq bigint, change_error text, change_data jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint;
  v_first_seq bigint;
  v_change jsonb;
  v_at timestamptz;
  v_task tasks;
  v_task_id uuid;
  v_name text;
  v_from_column text;
  v_from_position integer;
  v_column text;
  v_end integer;
  v_position integer;
BEGIN
  -- An ack means committed and flushed to disk, whatever the server's or the role's default says.
  PERFORM set_config('synchronous_commit', 'on', true);
  SELECT b.seq INTO v_seq FROM boards b WHERE b.id = p_board FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT (c.o - 1)::integer, NULL::bigint, 'E_BOARD_NOT_FOUND'::text, NULL::jsonb
      FROM jsonb_array_elements(p_changes) WITH ORDINALITY AS c(v, o);
    RETURN;
  END IF;
  v_first_seq := v_seq;

  FOR i IN 0 .. jsonb_array_length(p_changes) - 1 LOOP
    v_change := p_changes -> i;
    v_at := to_timestamp((v_change ->> 'at')::double precision / 1000.0);
    v_task_id := (v_change ->> 'id')::uuid;
    change_index := i;
    change_seq := NULL;
    change_error := NULL;
    change_data := NULL;

    CASE v_change ->> 'op'
    WHEN 'create' THEN
      v_name := 'task.created';
      INSERT INTO tasks (board_id, id, title, column_name, position, tags, assignee, created_at, updated_at)
      VALUES (p_board, v_task_id, v_change ->> 'title', v_change ->> 'column',
        COALESCE((SELECT max(t.position) + 1 FROM tasks t WHERE t.board_id = p_board AND t.column_name = v_change ->> 'column'), 0),
        ARRAY(SELECT jsonb_array_elements_text(COALESCE(v_change -> 'tags', '[]'::jsonb))), v_change ->> 'assignee', v_at, v_at)
      RETURNING * INTO v_task;
      change_data := jsonb_build_object('task', swagboard_task_json(v_task));

    WHEN 'update' THEN
      v_name := 'task.updated';
      UPDATE tasks t SET
        title = COALESCE(v_change ->> 'title', t.title),
        notes = COALESCE(v_change ->> 'notes', t.notes),
        tags = CASE WHEN v_change ? 'tags' THEN ARRAY(SELECT jsonb_array_elements_text(v_change -> 'tags')) ELSE t.tags END,
        assignee = CASE WHEN v_change ? 'assignee' THEN v_change ->> 'assignee' ELSE t.assignee END,
        version = t.version + 1, updated_at = v_at
      WHERE t.board_id = p_board AND t.id = v_task_id
      RETURNING t.* INTO v_task;
      IF FOUND THEN
        change_data := jsonb_build_object('task', swagboard_task_json(v_task));
      ELSE
        change_error := 'E_TASK_NOT_FOUND';
      END IF;

    WHEN 'move' THEN
      v_name := 'task.moved';
      SELECT t.column_name, t.position INTO v_from_column, v_from_position FROM tasks t WHERE t.board_id = p_board AND t.id = v_task_id;
      IF NOT FOUND THEN
        change_error := 'E_TASK_NOT_FOUND';
      ELSE
        v_column := COALESCE(v_change ->> 'column', v_from_column);
        UPDATE tasks t SET position = t.position - 1
          WHERE t.board_id = p_board AND t.column_name = v_from_column AND t.position > v_from_position;
        -- The other tasks of the target column are now numbered 0..m-1, so their max + 1 is m, the end.
        SELECT COALESCE(max(t.position) + 1, 0) INTO v_end FROM tasks t
          WHERE t.board_id = p_board AND t.column_name = v_column AND t.id <> v_task_id;
        v_position := CASE WHEN v_change ? 'offset' THEN v_from_position + (v_change ->> 'offset')::integer
                           ELSE COALESCE((v_change ->> 'position')::integer, v_end) END;
        v_position := greatest(0, least(v_position, v_end));
        UPDATE tasks t SET position = t.position + 1
          WHERE t.board_id = p_board AND t.column_name = v_column AND t.position >= v_position AND t.id <> v_task_id;
        UPDATE tasks t SET column_name = v_column, position = v_position, version = t.version + 1, updated_at = v_at
          WHERE t.board_id = p_board AND t.id = v_task_id
          RETURNING t.* INTO v_task;
        change_data := jsonb_build_object('task', swagboard_task_json(v_task), 'fromColumn', v_from_column, 'fromPosition', v_from_position);
      END IF;

    WHEN 'delete' THEN
      v_name := 'task.deleted';
      DELETE FROM tasks t WHERE t.board_id = p_board AND t.id = v_task_id RETURNING t.column_name, t.position INTO v_from_column, v_from_position;
      IF NOT FOUND THEN
        change_error := 'E_TASK_NOT_FOUND';
      ELSE
        UPDATE tasks t SET position = t.position - 1
          WHERE t.board_id = p_board AND t.column_name = v_from_column AND t.position > v_from_position;
        -- The task id as the client wrote it, as events always carried it.
        change_data := jsonb_build_object('taskId', v_change -> 'id');
      END IF;

    ELSE
      RAISE EXCEPTION 'unknown change op %', v_change ->> 'op';
    END CASE;

    IF change_error IS NULL THEN
      v_seq := v_seq + 1;
      change_seq := v_seq;
      INSERT INTO events (board_id, seq, name, data, origin, client_ts, created_at, task_id, actor_id, actor_name)
      VALUES (p_board, v_seq, v_name, change_data, v_change ->> 'origin', (v_change ->> 'clientTs')::double precision, v_at, v_task_id,
        v_change ->> 'actorId', v_change ->> 'actorName');
    END IF;
    RETURN NEXT;
  END LOOP;

  IF v_seq <> v_first_seq THEN
    UPDATE boards b SET seq = v_seq WHERE b.id = p_board;
  END IF;
END
$$;
