/**
 * JMH benchmarks of the text pipeline (built and run only with the Maven profile {@code -Pjmh}; see
 * {@code docs/benchmarks.md}). Not part of the library.
 */
package org.textclf.preprocess.bench;
