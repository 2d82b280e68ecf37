package dev.sequences.it.contract;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.Databases;
import dev.sequences.it.series.SeriesContract;
import dev.sequences.it.series.SeriesPromiseContract;
import org.junit.jupiter.api.Nested;

/**
 * The contract every supported database keeps, one nested class per topic. A subclass passes the
 * description of its database (or of a variant: another user, counter table or jOOQ settings);
 * adding a database is adding a description to {@link Databases} and a subclass that names it.
 */
abstract class SequenceContract {

  final DatabaseDescription db;

  SequenceContract(DatabaseDescription db) {
    this.db = db;
  }

  @Nested
  class ValuesAndNames extends ValuesAndNamesContract {
    ValuesAndNames() {
      super(SequenceContract.this.db);
    }
  }

  @Nested
  class BatchesAndLoops extends BatchesAndLoopsContract {
    BatchesAndLoops() {
      super(SequenceContract.this.db);
    }
  }

  @Nested
  class RacesAndIsolation extends RacesAndIsolationContract {
    RacesAndIsolation() {
      super(SequenceContract.this.db);
    }
  }

  @Nested
  class Waits extends WaitsContract {
    Waits() {
      super(SequenceContract.this.db);
    }
  }

  @Nested
  class Faults extends FaultsContract {
    Faults() {
      super(SequenceContract.this.db);
    }
  }

  @Nested
  class Configurations extends ConfigurationsContract {
    Configurations() {
      super(SequenceContract.this.db);
    }
  }

  @Nested
  class Schema extends SchemaContract {
    Schema() {
      super(SequenceContract.this.db);
    }
  }

  @Nested
  class BeforeCommit extends BeforeCommitContract {
    BeforeCommit() {
      super(SequenceContract.this.db);
    }
  }

  @Nested
  class BeforeCommitPropagation extends BeforeCommitPropagationContract {
    BeforeCommitPropagation() {
      super(SequenceContract.this.db);
    }
  }

  @Nested
  class BeforeCommitEdges extends BeforeCommitEdgesContract {
    BeforeCommitEdges() {
      super(SequenceContract.this.db);
    }
  }

  @Nested
  class BeforeCommitGates extends BeforeCommitGatesContract {
    BeforeCommitGates() {
      super(SequenceContract.this.db);
    }
  }

  /** TransactionRetry on the real database: on base descriptions only. */
  @Nested
  class Retries extends RetriesContract {
    Retries() {
      super(SequenceContract.this.db);
    }
  }

  /** What listeners hear of calls refused outside nextValue: on base descriptions only. */
  @Nested
  class Outcomes extends OutcomesContract {
    Outcomes() {
      super(SequenceContract.this.db);
    }
  }

  /** Number series: on base descriptions only, skipped before any setup on variants. */
  @Nested
  class Series extends SeriesContract {
    Series() {
      super(SequenceContract.this.db);
    }
  }

  /** Number series, the promises of issue 23: on base descriptions only, as Series. */
  @Nested
  class SeriesPromises extends SeriesPromiseContract {
    SeriesPromises() {
      super(SequenceContract.this.db);
    }
  }
}
