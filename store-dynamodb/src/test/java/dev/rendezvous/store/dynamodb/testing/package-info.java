/**
 * Test support shared with other modules through this module's test-jar: a JUnit 5 extension that
 * runs dynalite (a real DynamoDB engine) on a free loopback port, a clock tests can move, and the
 * storage contract suite every implementation of the port must pass.
 */
package dev.rendezvous.store.dynamodb.testing;
