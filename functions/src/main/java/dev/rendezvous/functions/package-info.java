/** The HTTP routes as Micronaut controllers, served by the Lambda handlers. */
package dev.rendezvous.functions;
