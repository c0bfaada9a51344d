package dev.snaplog.cli.doctor;

import java.util.List;

/**
 * What {@code doctor} concluded about a store.
 *
 * @param store the kind of store, for people
 * @param checks each check with its outcome
 * @param safe whether commits are safe (the pointer compare-and-swap is atomic)
 * @param verdict a plain sentence or two: safe or not, and what to do
 */
public record Diagnosis(String store, List<Check> checks, boolean safe, String verdict) {}
