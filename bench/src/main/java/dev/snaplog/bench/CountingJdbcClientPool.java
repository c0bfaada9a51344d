package dev.snaplog.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.apache.iceberg.jdbc.JdbcClientPool;

/**
 * Iceberg's JDBC catalog connections, counting each catalog call (one statement to the catalog database, a round
 * trip wherever the database is a service) into {@link Counters} as kind {@code catalog}, beside the storage
 * requests. Counting starts at {@link #startCounting()}, after the catalog has set up its own tables: a
 * long-lived process does that once, not per table load.
 */
final class CountingJdbcClientPool extends JdbcClientPool {
  static final String KIND = "catalog";

  private final Counters counters;
  private volatile boolean counting;

  CountingJdbcClientPool(String uri, Map<String, String> props, Counters counters) {
    super(uri, props);
    this.counters = counters;
  }

  void startCounting() {
    counting = true;
  }

  @Override
  public <R> R run(Action<R, Connection, SQLException> action, boolean retry)
      throws SQLException, InterruptedException {
    if (counting) {
      counters.request(KIND);
    }
    return super.run(action, retry);
  }
}
