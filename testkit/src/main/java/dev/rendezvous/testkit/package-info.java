/**
 * Fixtures shared by the tests of every module: {@link dev.rendezvous.testkit.Await} (waiting for a
 * condition) and {@link dev.rendezvous.testkit.MutableClock} (a clock the test moves). Used in test
 * scope only.
 */
package dev.rendezvous.testkit;
