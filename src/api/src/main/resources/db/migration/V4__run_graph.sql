-- Assets and edges scanners upload with a run, kept until the run's graph is in Neo4j
-- (and afterwards, so a lost Neo4j can be rebuilt from PostgreSQL).
create table run_graph (
    scan_run_id uuid    not null references scan_run (id) on delete cascade,
    chunk       integer not null,
    nodes       jsonb   not null default '[]'::jsonb,
    edges       jsonb   not null default '[]'::jsonb,
    primary key (scan_run_id, chunk)
);

-- A succeeded run whose graph is not yet in Neo4j has graph_synced_at null.
alter table scan_run add column graph_synced_at timestamptz;
create index scan_run_graph_pending on scan_run (completed_at) where outcome = 'succeeded' and graph_synced_at is null;
