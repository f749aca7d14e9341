-- The denial query for CloudTrail Lake: run it in the CloudTrail console's Lake query editor
-- or with `aws cloudtrail start-query --query-statement file://denials.sql`, after replacing
-- <event-data-store-id> with the id of your event data store (the last part of its ARN)
-- and the two times with your window. eventTime bounds the scan: Lake bills by the data
-- scanned within that range. Print it with `whydenied queries cloudtrail-lake`.
SELECT
    eventTime,
    eventSource,
    eventName,
    awsRegion,
    errorCode,
    errorMessage,
    sourceIPAddress,
    userAgent,
    eventID,
    recipientAccountId,
    requestParameters,
    userIdentity.type,
    userIdentity.arn,
    userIdentity.accountId,
    userIdentity.invokedBy,
    userIdentity.sessionContext.sessionIssuer.arn,
    resources
FROM <event-data-store-id>
WHERE eventTime >= '2026-11-21 08:00:00'
    AND eventTime <= '2026-11-21 10:00:00'
    AND (errorCode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation',
            'Client.UnauthorizedOperation', 'UnauthorizedAccess', 'AuthorizationError', 'Forbidden')
        OR errorMessage LIKE '%not authorized to perform%')
    -- Narrow to the tasks' roles:
    -- AND userIdentity.sessionContext.sessionIssuer.arn IN ('arn:aws:iam::111122223333:role/orders-task')
ORDER BY eventTime
