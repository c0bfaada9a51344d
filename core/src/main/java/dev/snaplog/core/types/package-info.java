/** Column types, their Java values and orderings, and the conversions of literals to and from text. */
package dev.snaplog.core.types;
