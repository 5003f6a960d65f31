package dev.rendezvous.infra.construct;

import dev.rendezvous.store.dynamodb.ClientTable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.WarmThroughput;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpoint;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.constructs.Construct;

/**
 * The clients table, derived from the store's single definition ({@link
 * ClientTable#createTableRequest(String)}): the same keys, the same KEYS_ONLY sweep index, the TTL
 * attribute, on-demand billing. On top: point-in-time recovery, deletion protection while the table
 * is retained, and optionally a warm write throughput. Encryption is DynamoDB's default (an AWS
 * owned key; docs/deploy.md says why). Access is granted with explicit statements per {@link
 * TableAccess} profile, never with {@code grant…} (those add {@code index/*}).
 */
public final class RendezvousTable extends Construct {
  private final Table table;
  private final int warmWritesPerSecond;

  /**
   * @param retain keep the table (and its data) when the stack is deleted, and protect it from
   *     deletion; false only for throw-away stacks
   * @param warmWritesPerSecond writes per second the table must serve at once, or empty for
   *     DynamoDB's default of a new on-demand table
   */
  public RendezvousTable(
      Construct scope, String id, boolean retain, Optional<Integer> warmWritesPerSecond) {
    super(scope, id);
    this.warmWritesPerSecond = warmWritesPerSecond.orElse(DEFAULT_WARM_WRITES_PER_SECOND);
    CreateTableRequest definition = ClientTable.createTableRequest("schema-only");
    if (definition.billingMode()
        != software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST) {
      throw new IllegalStateException("the stack declares an on-demand table only");
    }
    this.table =
        Table.Builder.create(this, "Clients")
            .partitionKey(key(definition, definition.keySchema(), KeyType.HASH))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .timeToLiveAttribute(ClientTable.TTL_ATTRIBUTE)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .removalPolicy(retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
            // Deletion protection would make a stack that deletes its table fail to delete.
            .deletionProtection(retain)
            .warmThroughput(
                warmWritesPerSecond
                    .map(writes -> WarmThroughput.builder().writeUnitsPerSecond(writes).build())
                    .orElse(null))
            .build();
    for (GlobalSecondaryIndex index : definition.globalSecondaryIndexes()) {
      table.addGlobalSecondaryIndex(
          GlobalSecondaryIndexProps.builder()
              .indexName(index.indexName())
              .partitionKey(key(definition, index.keySchema(), KeyType.HASH))
              .projectionType(ProjectionType.valueOf(index.projection().projectionTypeAsString()))
              .build());
    }
  }

  /** DynamoDB's default warm write throughput of a new on-demand table. */
  public static final int DEFAULT_WARM_WRITES_PER_SECOND = 4_000;

  /** Writes per second the table serves without throttling while it adapts. */
  public int warmWritesPerSecond() {
    return warmWritesPerSecond;
  }

  public Table table() {
    return table;
  }

  public String tableName() {
    return table.getTableName();
  }

  public String tableArn() {
    return table.getTableArn();
  }

  /** The exact ARN of the sweep index: the only index anyone queries. */
  public String sweepIndexArn() {
    return table.getTableArn() + "/index/" + ClientTable.SWEEP_INDEX;
  }

  /** Adds the explicit statements of {@code access} to {@code grantee}'s policy. */
  public void grant(IGrantable grantee, TableAccess access) {
    for (PolicyStatement statement : access.statements(this)) {
      grantee.getGrantPrincipal().addToPrincipalPolicy(statement);
    }
  }

  private static Attribute key(
      CreateTableRequest definition, List<KeySchemaElement> schema, KeyType keyType) {
    KeySchemaElement element =
        schema.stream()
            .filter(e -> e.keyType() == keyType)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no " + keyType + " key in " + schema));
    if (schema.size() != 1) {
      throw new IllegalStateException("only partition keys are declared here, got " + schema);
    }
    AttributeDefinition attribute =
        definition.attributeDefinitions().stream()
            .filter(a -> Objects.equals(a.attributeName(), element.attributeName()))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("undefined attribute " + element.attributeName()));
    AttributeType type =
        switch (attribute.attributeType()) {
          case S -> AttributeType.STRING;
          case N -> AttributeType.NUMBER;
          case B -> AttributeType.BINARY;
          default -> throw new IllegalStateException("unknown type of " + attribute);
        };
    return Attribute.builder().name(attribute.attributeName()).type(type).build();
  }

  /**
   * Lets {@code endpoint} (the VPC's DynamoDB gateway endpoint) carry only calls of this account to
   * this table, and only the actions {@code callers} may make: code in the API function's isolated
   * subnets, whose only way to DynamoDB is this endpoint, cannot reach any other table.
   */
  public void limitEndpoint(GatewayVpcEndpoint endpoint, List<TableAccess> callers) {
    TreeSet<String> actions = new TreeSet<>();
    for (TableAccess access : callers) {
      actions.addAll(access.tableActions());
      actions.addAll(access.ownItemActions());
      actions.addAll(access.sweepIndexActions());
    }
    endpoint.addToPolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .principals(List.of(new AnyPrincipal()))
            .actions(List.copyOf(actions))
            .resources(List.of(tableArn(), sweepIndexArn()))
            .conditions(Map.of("StringEquals", Map.of("aws:PrincipalAccount", Aws.ACCOUNT_ID)))
            .build());
  }
}
