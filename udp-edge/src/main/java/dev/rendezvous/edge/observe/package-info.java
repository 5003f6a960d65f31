/**
 * What the edge tells operators: meters (Micrometer, Prometheus text on the health port), the
 * CloudWatch publisher with the alarm names, drop reasons, and the HTTP health check.
 */
package dev.rendezvous.edge.observe;
