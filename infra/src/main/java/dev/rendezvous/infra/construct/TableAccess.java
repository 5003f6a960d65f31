package dev.rendezvous.infra.construct;

import java.util.List;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * What each process may do on the clients table: exact actions on exact ARNs, no wildcards. The
 * lists follow the calls in store-dynamodb: the edge records pulses with one conditional UpdateItem
 * and looks clients up with GetItem; the API registers (PutItem), verifies (UpdateItem), logs out
 * (DeleteItem) and reads peers (GetItem); the sweep ({@code DynamoExpirySweeper}) queries the sweep
 * index shard by shard, deletes expired clients with a conditional DeleteItem, and reads (GetItem)
 * and advances (UpdateItem) its cursor item: it never puts whole items.
 */
public record TableAccess(String name, List<String> tableActions, List<String> sweepIndexActions) {
  public static final TableAccess EDGE =
      new TableAccess("edge", List.of("dynamodb:GetItem", "dynamodb:UpdateItem"), List.of());
  public static final TableAccess API =
      new TableAccess(
          "api",
          List.of(
              "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
          List.of());
  public static final TableAccess EXPIRY =
      new TableAccess(
          "expiry",
          List.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:UpdateItem"),
          List.of("dynamodb:Query"));

  public TableAccess {
    tableActions = List.copyOf(tableActions);
    sweepIndexActions = List.copyOf(sweepIndexActions);
    for (String action : tableActions) {
      requireExact(action);
    }
    for (String action : sweepIndexActions) {
      requireExact(action);
    }
  }

  private static void requireExact(String action) {
    if (!action.matches("dynamodb:[A-Za-z]+")) {
      throw new IllegalArgumentException("an exact DynamoDB action, not " + action);
    }
  }

  List<PolicyStatement> statements(RendezvousTable table) {
    PolicyStatement onTable =
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(tableActions)
            .resources(List.of(table.tableArn()))
            .build();
    if (sweepIndexActions.isEmpty()) {
      return List.of(onTable);
    }
    PolicyStatement onIndex =
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(sweepIndexActions)
            .resources(List.of(table.sweepIndexArn()))
            .build();
    return List.of(onTable, onIndex);
  }
}
