package dev.snaplog.cli.commands;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.catalog.WarehouseCatalog;
import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.ExitCodes;
import dev.snaplog.cli.doctor.Check;
import dev.snaplog.cli.doctor.Diagnosis;
import dev.snaplog.cli.doctor.S3Doctor;
import dev.snaplog.cli.doctor.StoreProbe;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.io.Storage;
import dev.snaplog.s3.S3ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code doctor}: can this warehouse's store be trusted with commits? Runs the store probe and prints a plain
 * verdict with what to do. Exit code 7 when a check fails, so setup scripts can stop before the first commit.
 */
@Command(name = "doctor", description = "Check that the warehouse's store supports safe commits"
    + " (atomic compare-and-swap, create-only writes).", mixinStandardHelpOptions = true)
public final class DoctorCommand extends BaseCommand {
  @Option(names = "--threads", paramLabel = "N", description = "Concurrent writers per race (default: 16).")
  int threads = 16;

  @Option(names = "--rounds", paramLabel = "N", description = "Races per check (default: 10).")
  int rounds = 10;

  @Override
  protected int run(CliContext ctx) {
    Catalog catalog = ctx.catalog();
    Storage storage = catalog instanceof WarehouseCatalog w ? w.storage()
        : Catalogs.openStorage(ctx.warehouse(), ctx.catalogProperties());
    Diagnosis d = storage.objects() instanceof S3ObjectStore s3
        ? S3Doctor.diagnose(s3.connection(), storage.root(), Math.max(2, threads), Math.max(1, rounds))
        : diagnoseLocal(ctx, storage);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("warehouse", storage.root());
    doc.put("store", d.store());
    doc.put("safe", d.safe());
    doc.put("verdict", d.verdict());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Check c : d.checks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("check", c.name());
      m.put("result", c.passed() ? "pass" : "FAIL");
      m.put("detail", c.detail());
      rows.add(m);
    }
    doc.put("checks", rows);
    ctx.output().document(doc, "checks");
    return d.safe() ? ExitCodes.OK : ExitCodes.UNSAFE_STORE;
  }

  /** Any store reached through the storage SPI (today: the local filesystem). */
  private Diagnosis diagnoseLocal(CliContext ctx, Storage storage) {
    boolean local = ctx.localPathOrNull() != null;
    List<Check> checks = new StoreProbe(storage, Math.max(2, threads), Math.max(1, rounds)).run();
    if (local) {
      removeEmptyDirs(ctx.localPathOrNull().resolve(StoreProbe.SCRATCH));
    }
    boolean safe = checks.stream().allMatch(Check::passed);
    String verdict = safe ? "safe for Snaplog commits: the pointer compare-and-swap had exactly one winner in"
        + " every race." : "NOT safe for concurrent Snaplog commits. " + advice(local);
    return new Diagnosis(local ? "local filesystem" : "object store", checks, safe, verdict);
  }

  /** The object store deletes files only; the probe's now-empty directories would look like litter. */
  private static void removeEmptyDirs(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isDirectory(p)) {
          try {
            Files.delete(p);
          } catch (IOException e) {
            // not empty (a file the store kept) or already gone: leave it, it is harmless
          }
        }
      }
    } catch (IOException e) {
      // best effort, see above
    }
  }

  private static String advice(boolean local) {
    return local ? "Use a local disk (not a network filesystem such as NFS or SMB, whose file locks and renames"
        + " may not be atomic), or check the directory's permissions."
        : "Use AWS S3 or MinIO, or a server that implements conditional PUT (If-Match, If-None-Match) atomically;"
        + " until then, let only one process write to each table.";
  }
}
