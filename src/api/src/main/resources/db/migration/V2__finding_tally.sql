-- Counts of findings per (scope, provider, severity, status, tools), kept exact by statement-level
-- triggers, so the summary of a million findings reads a few hundred rows instead of scanning
-- the table. Filters the tally cannot answer fall back to counting the findings themselves.
create table finding_tally (
    scope    text     not null,
    provider text     not null,
    severity smallint not null,
    status   text     not null,
    tools    text[]   not null,
    n        bigint   not null,
    primary key (scope, provider, severity, status, tools)
);

create function finding_tally_add() returns trigger language plpgsql as $$
begin
    insert into finding_tally (scope, provider, severity, status, tools, n)
    select scope, provider, severity, status, tools, count(*) from new_rows
    group by scope, provider, severity, status, tools
    order by scope, provider, severity, status, tools
    on conflict (scope, provider, severity, status, tools) do update set n = finding_tally.n + excluded.n;
    return null;
end $$;

create function finding_tally_remove() returns trigger language plpgsql as $$
begin
    -- Rows are locked in key order, as finding_tally_add does, so two writers cannot deadlock.
    update finding_tally t set n = t.n - o.n
    from (select scope, provider, severity, status, tools, count(*) as n from old_rows
          group by scope, provider, severity, status, tools
          order by scope, provider, severity, status, tools) o
    where t.scope = o.scope and t.provider = o.provider and t.severity = o.severity and t.status = o.status and t.tools = o.tools;
    return null;
end $$;

create function finding_tally_change() returns trigger language plpgsql as $$
begin
    -- Most updates (a run seeing a finding again) change none of the tally's columns: skip them.
    if not exists (select 1 from old_rows o join new_rows n using (id)
                   where (o.scope, o.provider, o.severity, o.status, o.tools) is distinct from
                         (n.scope, n.provider, n.severity, n.status, n.tools)) then
        return null;
    end if;
    update finding_tally t set n = t.n - o.n
    from (select scope, provider, severity, status, tools, count(*) as n from old_rows
          group by scope, provider, severity, status, tools) o
    where t.scope = o.scope and t.provider = o.provider and t.severity = o.severity and t.status = o.status and t.tools = o.tools;
    insert into finding_tally (scope, provider, severity, status, tools, n)
    select scope, provider, severity, status, tools, count(*) from new_rows
    group by scope, provider, severity, status, tools
    order by scope, provider, severity, status, tools
    on conflict (scope, provider, severity, status, tools) do update set n = finding_tally.n + excluded.n;
    return null;
end $$;

create trigger finding_tally_insert after insert on finding
    referencing new table as new_rows for each statement execute function finding_tally_add();
create trigger finding_tally_delete after delete on finding
    referencing old table as old_rows for each statement execute function finding_tally_remove();
create trigger finding_tally_update after update on finding
    referencing old table as old_rows new table as new_rows for each statement execute function finding_tally_change();
