/**
 * Timing mains (not tests) for the networks at the reference shape; results go to
 * {@code docs/benchmarks.md} with the command that produced them.
 */
package org.textclf.models.bench;
