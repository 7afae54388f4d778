-- Free-text notes on a task, stored as typed (the page escapes them); existing tasks get none.
ALTER TABLE tasks ADD COLUMN notes text NOT NULL DEFAULT '';
