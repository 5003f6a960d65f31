/** A sample of an app's use of the SDK: {@link dev.rendezvous.samples.ChatApp}. */
package dev.rendezvous.samples;
