/**
 * The log: table metadata, delta manifests (log records), checkpoints and the pointer's content, their JSON
 * encodings with format versions, replay to the live file set of any version, and scan planning with
 * stats pruning. It knows the storage SPI but nothing of S3 and nothing of the commit protocol.
 */
package dev.snaplog.manifest;
