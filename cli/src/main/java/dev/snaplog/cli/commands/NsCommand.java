package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.cli.SnaplogCli;
import dev.snaplog.cli.output.Output;
import dev.snaplog.core.Catalog;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ns create|list|drop}: namespaces group tables; a warehouse holds namespaces. */
@Command(name = "ns", description = "Create, list and drop namespaces.", mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "(create | list | drop)")
public final class NsCommand {
  @Spec
  CommandSpec spec;

  private CliContext ctx() {
    return ((SnaplogCli) spec.root().userObject()).context();
  }

  @Command(name = "create", description = "Create a namespace (and a local warehouse directory if missing).",
      mixinStandardHelpOptions = true)
  int create(@Parameters(paramLabel = "NAMESPACE") String namespace) {
    CliContext ctx = ctx();
    Catalog catalog = ctx.catalogCreatingWarehouse();
    ctx.requireWritable();
    catalog.createNamespace(namespace);
    ctx.output().result("Created namespace " + namespace + " in " + catalog.warehouse(),
        Map.of("namespace", namespace, "warehouse", catalog.warehouse()));
    return 0;
  }

  @Command(name = "list", description = "List the namespaces of the warehouse.", mixinStandardHelpOptions = true)
  int list() {
    CliContext ctx = ctx();
    try (Output.RowWriter w = ctx.output().rows(List.of("namespace"))) {
      for (String ns : ctx.catalog().listNamespaces()) {
        w.add(List.of(ns));
      }
    }
    return 0;
  }

  @Command(name = "drop", description = "Drop an empty namespace.", mixinStandardHelpOptions = true)
  int drop(@Parameters(paramLabel = "NAMESPACE") String namespace) {
    CliContext ctx = ctx();
    Catalog catalog = ctx.catalog();
    ctx.requireWritable();
    if (!catalog.dropNamespace(namespace)) {
      throw CliException.notFound("Namespace " + namespace + " does not exist in " + catalog.warehouse());
    }
    ctx.output().result("Dropped namespace " + namespace, Map.of("namespace", namespace, "dropped", true));
    return 0;
  }
}
