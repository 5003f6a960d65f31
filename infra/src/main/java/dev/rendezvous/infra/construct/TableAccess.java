package dev.rendezvous.infra.construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * What each process may do on the directory table: exact actions on exact ARNs, no wildcards. The
 * lists follow the calls in store-dynamodb. The edge reads items (clients, task items, the internal
 * secret) and writes client state with conditional UpdateItems; it puts whole items only for its
 * own task item ({@code ~task#<id>}) and the internal secret ({@code ~internal-secret}), and IAM
 * holds it to those keys ({@code dynamodb:LeadingKeys}). The API registers (PutItem), verifies
 * (UpdateItem), logs out (PutItem of a tombstone) and reads clients, task items, the secret and
 * refused writes' items (GetItem): it never deletes. The sweep ({@code DynamoExpirySweeper})
 * queries the sweep index shard by shard, deletes expired clients and tombstones with a conditional
 * DeleteItem, and reads (GetItem) and advances (UpdateItem) its cursor item: it never puts whole
 * items.
 *
 * @param tableActions allowed on every item of the table
 * @param sweepIndexActions allowed on the sweep index
 * @param ownItemActions allowed only on items whose partition key matches {@code ownItemKeys}
 * @param ownItemKeys {@code StringLike} patterns of those partition keys
 */
public record TableAccess(
    String name,
    List<String> tableActions,
    List<String> sweepIndexActions,
    List<String> ownItemActions,
    List<String> ownItemKeys) {

  /** The partition keys of the edge's own items: task heartbeats and the internal API secret. */
  public static final List<String> EDGE_OWN_ITEM_KEYS = List.of("~task#*", "~internal-secret");

  public static final TableAccess EDGE =
      new TableAccess(
          "edge",
          List.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
          List.of(),
          List.of("dynamodb:PutItem"),
          EDGE_OWN_ITEM_KEYS);
  public static final TableAccess API =
      new TableAccess(
          "api",
          List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
          List.of(),
          List.of(),
          List.of());
  public static final TableAccess EXPIRY =
      new TableAccess(
          "expiry",
          List.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:UpdateItem"),
          List.of("dynamodb:Query"),
          List.of(),
          List.of());

  public TableAccess {
    tableActions = List.copyOf(tableActions);
    sweepIndexActions = List.copyOf(sweepIndexActions);
    ownItemActions = List.copyOf(ownItemActions);
    ownItemKeys = List.copyOf(ownItemKeys);
    for (List<String> actions : List.of(tableActions, sweepIndexActions, ownItemActions)) {
      actions.forEach(TableAccess::requireExact);
    }
    if (ownItemActions.isEmpty() != ownItemKeys.isEmpty()) {
      throw new IllegalArgumentException("own-item actions need their key patterns, and back");
    }
  }

  private static void requireExact(String action) {
    if (!action.matches("dynamodb:[A-Za-z]+")) {
      throw new IllegalArgumentException("an exact DynamoDB action, not " + action);
    }
  }

  List<PolicyStatement> statements(RendezvousTable table) {
    List<PolicyStatement> statements = new ArrayList<>();
    statements.add(statement(tableActions, table.tableArn()).build());
    if (!sweepIndexActions.isEmpty()) {
      statements.add(statement(sweepIndexActions, table.sweepIndexArn()).build());
    }
    if (!ownItemActions.isEmpty()) {
      // ForAllValues: every partition key the request touches must match one of the patterns.
      statements.add(
          statement(ownItemActions, table.tableArn())
              .conditions(
                  Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", ownItemKeys)))
              .build());
    }
    return statements;
  }

  private static PolicyStatement.Builder statement(List<String> actions, String resource) {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(actions)
        .resources(List.of(resource));
  }
}
