package dev.snaplog.bench;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of the planning workloads (4 and 8) with the forks, warm-up and iterations of the
 * run's mode, and reads their results back. Each benchmark forks its own JVM, so what it needs of the tables
 * built beforehand travels as string parameters.
 */
final class Jmh {
  private Jmh() {}

  /** Runs every parameter combination of {@code benchmark}, with {@code params} fixed. */
  static Collection<RunResult> run(Config config, Class<?> benchmark, Map<String, String> params) throws Exception {
    boolean smoke = config.mode().equals("smoke");
    ChainedOptionsBuilder opts = new OptionsBuilder()
        .include("^" + benchmark.getName().replace(".", "\\.") + "\\.") // not PlanningBenchmark's namesakes
        .forks(config.jmhForks())
        .warmupIterations(config.jmhWarmupIterations())
        .warmupTime(smoke ? TimeValue.milliseconds(100) : TimeValue.seconds(2))
        .measurementIterations(config.jmhIterations())
        .measurementTime(smoke ? TimeValue.milliseconds(200) : TimeValue.seconds(3))
        .timeUnit(TimeUnit.MILLISECONDS)
        // A fixed heap, touched at start: on this machine class the first touch of fresh memory costs about
        // 3 ms per MB, and a heap growing into it timed the kernel (a new-handle plan of 100,000 files ran at
        // 0.5 s instead of 0.05 s for its first 3.5 GB of eden), whichever system it happened to.
        .jvmArgsAppend("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
        .addProfiler(GCProfiler.class) // bytes allocated per operation, for both systems alike
        .shouldFailOnError(true);
    params.forEach(opts::param);
    return new Runner(opts.build()).run();
  }

  /** The result whose parameters include all of {@code params}. */
  static RunResult find(Collection<RunResult> results, Map<String, String> params) {
    for (RunResult r : results) {
      var p = r.getParams();
      if (params.entrySet().stream().allMatch(e -> e.getValue().equals(p.getParam(e.getKey())))) {
        return r;
      }
    }
    throw new IllegalStateException("no JMH result for " + params);
  }

  /** Bytes the benchmark allocated per operation (JMH's GC profiler), or NaN if it was not measured. */
  static double allocatedPerOp(RunResult r) {
    for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return e.getValue().getScore();
      }
    }
    return Double.NaN;
  }

  static double percentile(RunResult r, double p) {
    return r.getPrimaryResult().getStatistics().getPercentile(p);
  }
}
