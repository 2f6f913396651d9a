package chipmix.catalog;

/** How a chip is marketed; the 2023 export rule's "datacenter" criterion depends on it. */
public enum Market {
  DATACENTER,
  CONSUMER,
  /** Not sold, only rented as a cloud service (TPU, Trainium). */
  CLOUD_ONLY
}
