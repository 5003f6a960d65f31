package dev.rendezvous.infra.construct;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A small Lambda function's own log group and a role that may write only to it: CDK's default role
 * would carry a managed policy that allows every log group.
 *
 * @param logs the log group ({@code Logs} in the scope)
 * @param role the function's role ({@code Role} in the scope)
 */
record OwnLogs(LogGroup logs, Role role) {
  static OwnLogs of(Construct scope, String roleDescription, RetentionDays retention) {
    LogGroup logs =
        LogGroup.Builder.create(scope, "Logs")
            .retention(retention)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Role role =
        Role.Builder.create(scope, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description(roleDescription)
            .build();
    logs.grantWrite(role);
    return new OwnLogs(logs, role);
  }
}
