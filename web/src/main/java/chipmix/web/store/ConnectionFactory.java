package chipmix.web.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a configured connection to the store's database; each operation uses its own. */
@FunctionalInterface
public interface ConnectionFactory {
  Connection open() throws SQLException;
}
