/**
 * The program that makes the scored example batches under {@code examples/} ({@code adult},
 * {@code bike-sharing-regression}) from the raw UCI files in {@code src/test/resources/examples-source},
 * and the test that the committed files are exactly what it makes. Test scope only: the models are Smile
 * 2.6 (LGPL-3.0), which the product never loads; nothing here belongs to Driftwatch itself.
 */
package io.driftwatch.examples;
