-- A planted violation for the whole-trail guard of test/sources/athena-tables.test.ts: the
-- denial query as it was before tables were read, sent to the guide's partition-projected
-- table, where nothing pins "timestamp". Athena would read every file of the trail.
SELECT eventtime AS event_time, eventsource AS event_source, errorcode AS error_code
FROM "cloudtrail_logs_pp"
WHERE eventtime >= ?
    AND eventtime <= ?
    AND errorcode IN ('AccessDenied', 'AccessDeniedException')
ORDER BY eventtime
LIMIT 10000
