package dev.snaplog.core.io;

/** One listed object: its location, size and last-modified time (epoch millis). */
public record ObjectInfo(String location, long size, long lastModifiedMillis) {}
