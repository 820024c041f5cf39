-- Chunks of a run's upload: a chunk sent twice (a retry, a restarted scanner) is written once;
-- a different chunk under the same number is refused.
create table ingest_chunk (
    scan_run_id uuid        not null references scan_run (id) on delete cascade,
    n           integer     not null check (n >= 0),
    digest      bytea       not null,
    findings    integer     not null,
    received_at timestamptz not null,
    primary key (scan_run_id, n)
);
