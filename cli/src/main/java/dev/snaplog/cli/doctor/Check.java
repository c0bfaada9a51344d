package dev.snaplog.cli.doctor;

/**
 * The outcome of one store check.
 *
 * @param name what was checked
 * @param passed whether the store behaved as the commit protocol needs
 * @param detail what was observed, in numbers where there are any
 */
public record Check(String name, boolean passed, String detail) {}
