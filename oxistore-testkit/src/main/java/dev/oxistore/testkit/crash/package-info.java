/**
 * The crash (kill -9) harness every persistent engine's tests use: a child JVM commits under
 * {@code SYNC} or {@code FLUSH} and is killed at a random moment, and the parent checks what
 * survived. See {@link dev.oxistore.testkit.crash.CrashHarness}.
 */
package dev.oxistore.testkit.crash;
