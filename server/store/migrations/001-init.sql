CREATE TABLE boards (
  id         text PRIMARY KEY,
  seq        bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tasks (
  board_id    text NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  id          uuid NOT NULL,
  title       text NOT NULL,
  column_name text NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (board_id, id)
);

CREATE TABLE events (
  board_id   text NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  seq        bigint NOT NULL,
  name       text NOT NULL,
  data       jsonb NOT NULL,
  origin     text NOT NULL,
  client_ts  double precision,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (board_id, seq)
);
