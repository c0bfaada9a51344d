package dev.snaplog.catalog;

import dev.snaplog.core.io.Storage;

/** Waits on the store's clock, for tests that need an object to be older than a cut-off of "now". */
final class StoreClock {
  private StoreClock() {}

  /**
   * Returns once the store's clock has passed the second after the object's last-modified time (orphan
   * removal cuts off on whole seconds), so a cut-off of "now" is later than the object, however fast the
   * machine is.
   */
  static void awaitPastSecondOf(Storage storage, String tableLocation, String objectLocation) {
    long modified = storage.objects().stat(objectLocation).orElseThrow().lastModifiedMillis();
    long nextSecond = (Math.floorDiv(modified, 1000L) + 1) * 1000L;
    while (storage.pointers().read(tableLocation + "/_pointer").orElseThrow().storeNowMillis() <= nextSecond
        || System.currentTimeMillis() <= nextSecond) {
      Thread.onSpinWait();
    }
  }
}
