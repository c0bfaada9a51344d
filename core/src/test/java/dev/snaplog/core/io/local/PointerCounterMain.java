package dev.snaplog.core.io.local;

import dev.snaplog.core.exceptions.CommitRaceLostException;
import dev.snaplog.core.io.Pointer;
import java.nio.charset.StandardCharsets;

/** Child process of the multi-process swap test: N read-increment-swap cycles, retrying lost races. */
public final class PointerCounterMain {
  private PointerCounterMain() {}

  public static void main(String[] args) {
    String location = args[0];
    int increments = Integer.parseInt(args[1]);
    LocalPointerStore store = new LocalPointerStore();
    int conflicts = 0;
    for (int done = 0; done < increments; ) {
      Pointer p = store.read(location).orElseThrow();
      int value = Integer.parseInt(new String(p.bytes(), StandardCharsets.UTF_8));
      try {
        store.swap(location, p.token(), Integer.toString(value + 1).getBytes(StandardCharsets.UTF_8));
        done++;
      } catch (CommitRaceLostException e) {
        conflicts++;
      }
    }
    System.out.println("done; conflicts=" + conflicts);
  }
}
