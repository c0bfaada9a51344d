/**
 * The catalog and the commit protocol: {@link dev.snaplog.catalog.Catalogs} opens a warehouse by URI, and its
 * tables commit by writing immutable objects and then swapping the table pointer, retrying lost races with
 * backoff. Implementation classes live in {@code dev.snaplog.catalog.internal}. It knows the storage SPI, not
 * S3: the S3 store is found at run time by URI scheme.
 */
package dev.snaplog.catalog;
