package dev.rendezvous.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TableBootstrapTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  @Test
  void createsTheTableOnceWithTheSweepIndex() {
    String name = "bootstrap-" + System.nanoTime();
    assertThat(TableBootstrap.ensureTable(DYNALITE.syncClient(), name)).isTrue();
    assertThat(TableBootstrap.ensureTable(DYNALITE.syncClient(), name)).isFalse();
    var table = DYNALITE.syncClient().describeTable(b -> b.tableName(name)).table();
    assertThat(table.globalSecondaryIndexes())
        .singleElement()
        .satisfies(i -> assertThat(i.indexName()).isEqualTo(ClientTable.SWEEP_INDEX));
    assertThat(table.keySchema())
        .singleElement()
        .satisfies(k -> assertThat(k.attributeName()).isEqualTo("clientId"));
  }
}
