/**
 * The local-filesystem store: the embedded default warehouse. It gives the guarantees of the S3 store
 * (create-only objects, an atomic pointer swap across processes, crash safety) with fsync, hard links,
 * atomic renames and OS file locks.
 */
package dev.snaplog.core.io.local;
