package dev.snaplog.core.io.local;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Maps locations ({@code file:} URIs or plain paths) to filesystem paths and back. */
final class LocalPaths {
  private LocalPaths() {}

  static Path toPath(String location) {
    if (location.startsWith("file:")) {
      return Paths.get(URI.create(location)).toAbsolutePath().normalize();
    }
    return Paths.get(location).toAbsolutePath().normalize();
  }

  static String toLocation(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }
}
