CREATE TABLE users (
  id            uuid PRIMARY KEY,
  username      text NOT NULL,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

CREATE TABLE sessions (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

ALTER TABLE boards ADD COLUMN name text;
ALTER TABLE boards ADD COLUMN owner_id uuid REFERENCES users (id) ON DELETE SET NULL;

CREATE TABLE board_members (
  board_id text NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role     text NOT NULL CHECK (role IN ('owner', 'member')),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (board_id, user_id)
);
CREATE INDEX board_members_user_idx ON board_members (user_id);

-- Who made each change, and which task it concerns, for activity history.
ALTER TABLE events ADD COLUMN task_id uuid;
ALTER TABLE events ADD COLUMN actor_id text;
ALTER TABLE events ADD COLUMN actor_name text;
UPDATE events SET task_id = COALESCE(data -> 'task' ->> 'id', data ->> 'taskId')::uuid;
CREATE INDEX events_task_idx ON events (board_id, task_id, seq);
