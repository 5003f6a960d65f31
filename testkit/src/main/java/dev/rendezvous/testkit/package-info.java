/**
 * Fixtures shared by the tests of every module: {@link dev.rendezvous.testkit.Await} (waiting for a
 * condition), {@link dev.rendezvous.testkit.MutableClock} (a clock the test moves) and {@link
 * dev.rendezvous.testkit.ManualScheduler} (timers on virtual time, moving such a clock). Used in
 * test scope only.
 */
package dev.rendezvous.testkit;
