package dev.snaplog.cli;

/**
 * Sets slf4j-simple's level before the first logger is created. The CLI is quiet by default: library logs
 * (retries, checkpoints) are for -v, the command's own output is what users read.
 */
final class Logging {
  private Logging() {}

  static void configure(int verbosity) {
    String level = verbosity >= 2 ? "debug" : verbosity == 1 ? "info" : "warn";
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    // Never below info for the HTTP client and the SDK, whatever the verbosity: their debug logs print request
    // headers (Authorization with the access key id, X-Amz-Security-Token) and the signer's canonical request.
    String libraries = verbosity >= 1 ? "info" : "warn";
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.hc", libraries);
    System.setProperty("org.slf4j.simpleLogger.log.software.amazon.awssdk", libraries);
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
  }
}
