/** The scheduled function that deletes expired clients within the Lambda's time budget. */
package dev.rendezvous.functions.expiry;
