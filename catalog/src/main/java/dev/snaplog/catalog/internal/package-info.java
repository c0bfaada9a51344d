/**
 * Implementation of the catalog's tables: loading versions, the commit protocol ({@code TableOperations},
 * {@code Committer}, {@code CommitRetrier}), the operations and scans. Not API: users go through
 * {@link dev.snaplog.core.Table}.
 */
package dev.snaplog.catalog.internal;
