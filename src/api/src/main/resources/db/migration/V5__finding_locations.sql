-- Where a finding was seen, as the latest run that saw it reported: the places that its identity
-- (control, account, resource) does not say, so deduplication never hides them. The first 100
-- are listed; location_count says how many there were. locations_run is the run they are from:
-- its later chunks add to the list, the next run replaces it, so a place that was fixed drops out.
alter table finding
    add column locations      text[]  not null default '{}',
    add column location_count integer not null default 0 check (location_count >= 0),
    add column locations_run  uuid;
