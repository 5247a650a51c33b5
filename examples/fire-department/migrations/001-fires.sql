-- 消防 Fires: the department's records and the trail of every write to them.
-- Applied once, in file-name order, by src/database.js (recorded in fire.migrations).

CREATE TABLE fire.fires (
  -- The department's own id of the fire; sending it again updates the record.
  external_id text PRIMARY KEY CHECK (length(external_id) BETWEEN 1 AND 64),
  -- The 12-digit organization code of the station whose area it broke out in.
  station_code char(12) NOT NULL CHECK (station_code ~ '^[0-9]{12}$'),
  -- The day it broke out: what places it in a period.
  occurred_on date NOT NULL CHECK (occurred_on >= DATE '1949-10-01'),
  deaths integer NOT NULL CHECK (deaths BETWEEN 0 AND 10000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Withdrawn records stay, listed with includeWithdrawn, and count 0.
  withdrawn_at timestamptz,
  withdrawal_reason text,
  CHECK ((withdrawn_at IS NULL) = (withdrawal_reason IS NULL))
);

-- Statistics, boards and listings read a station's fires by date, figures included.
CREATE INDEX fires_station_date ON fire.fires (station_code, occurred_on)
  INCLUDE (deaths, withdrawn_at);

-- Who changed what, when, in which request and why: an appeal is answered from here.
CREATE TABLE fire.changes (
  id bigserial PRIMARY KEY,
  external_id text NOT NULL REFERENCES fire.fires (external_id),
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'WITHDRAW', 'RESTORE')),
  sub text NOT NULL,
  role text NOT NULL,
  request_id text,
  changes jsonb NOT NULL DEFAULT '{}',
  reason text
);
CREATE INDEX changes_record ON fire.changes (external_id, at);
