package dev.snaplog.manifest;

import dev.snaplog.core.Snapshot;

/**
 * The head of a branch other than main: its newest snapshot and the file set that snapshot reads. Branch
 * commits go through the same pointer as main, so a table has one commit point whatever its branches.
 */
public record BranchState(Snapshot head, FileSetState fileSet) {}
