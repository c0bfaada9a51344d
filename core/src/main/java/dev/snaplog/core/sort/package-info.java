/**
 * Sort orders: {@link dev.snaplog.core.sort.SortOrderParser} reads them as users write them,
 * {@link dev.snaplog.core.sort.SortOrderUpdate} builds a table's next order without I/O, and
 * {@link dev.snaplog.core.sort.SortOrderComparator} orders rows by one, as data writers do before a file is
 * written.
 */
package dev.snaplog.core.sort;
