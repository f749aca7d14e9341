-- whydenied's denial query over the CloudTrail table (queries/athena/cloudtrail-table-*.sql).
-- Rendering (src/sources/athena-query.ts):
--   {{table}}   the table, a validated identifier (Athena cannot bind identifiers);
--   {{partitions}} the table's own partitions pinned to the window (src/sources/athena-table.ts),
--               from the partition keys and projection settings GetTableMetadata reads, with
--               values computed from the window, never from user text: "day" >= '2026/11/21'
--               on whydenied's table, "timestamp" >= ... on the Athena guide's projected one,
--               "year" = ... AND "month" = ... AND "day" = ... on the manual one; so Athena
--               never reads a day outside the window. A table without partitions gets none,
--               and only with --athena-full-scan;
--   {{account}}, {{region}} the account and region partitions, or recipientaccountid and
--               awsregion on a table without them;
--   {{?name}}   one ? per value, bound through StartQueryExecution's ExecutionParameters
--               (each value validated first: ISO times, account ids, regions, role ARNs,
--               event sources);
--   a line ending in `-- if:name` is dropped when that list is empty (no filter on it).
-- Besides the denials of the window, the query selects the successful policy writes (IAM role
-- policies, trust policies, managed policy versions, key, bucket and repository policies, key
-- state, service control policies) from {{?since}}, a week before the window, to its end:
-- the IAM change that caused a denial is often days older than it. The partitions pinned then
-- run from that day, so the query reads the week's objects too; IAM and Organizations record
-- in us-east-1, which joins the regions scanned. The writes are few; whydenied ties them to
-- the denied roles and resources itself.
-- Columns are aliased to what whydenied rebuilds a CloudTrail record from.
SELECT
    eventtime AS event_time,
    eventsource AS event_source,
    eventname AS event_name,
    awsregion AS aws_region,
    errorcode AS error_code,
    errormessage AS error_message,
    sourceipaddress AS source_ip,
    useragent AS user_agent,
    eventid AS event_id,
    recipientaccountid AS recipient_account,
    requestparameters AS request_parameters,
    useridentity.type AS identity_type,
    useridentity.arn AS identity_arn,
    useridentity.accountid AS identity_account,
    useridentity.invokedby AS invoked_by,
    useridentity.sessioncontext.sessionissuer.type AS issuer_type,
    useridentity.sessioncontext.sessionissuer.arn AS issuer_arn,
    array_join(transform(resources, r -> r.arn), ',') AS resource_arns
FROM {{table}}
WHERE eventtime >= {{?since}}
    AND eventtime <= {{?end}}
    AND {{partitions}} -- if:partitions
    AND {{account}} IN ({{?accounts}}) -- if:accounts
    AND {{region}} IN ({{?scanRegions}}) -- if:scanRegions
    AND ((eventtime >= {{?start}}
            AND (errorcode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation',
                    'Client.UnauthorizedOperation', 'UnauthorizedAccess', 'AuthorizationError', 'Forbidden')
                OR errormessage LIKE '%not authorized to perform%')
            AND {{region}} IN ({{?regions}}) -- if:regions
            AND useridentity.sessioncontext.sessionissuer.arn IN ({{?roleArns}}) -- if:roleArns
            AND eventsource IN ({{?eventSources}}) -- if:eventSources
        )
        OR (errorcode IS NULL -- if:writeEvents
            AND eventsource IN ({{?writeSources}}) -- if:writeEvents
            AND eventname IN ({{?writeEvents}})) -- if:writeEvents
    )
ORDER BY eventtime
LIMIT 10000
