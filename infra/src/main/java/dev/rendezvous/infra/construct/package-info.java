/**
 * Small CDK constructs, each with a props builder: the clients table declared from the store's
 * single definition, the two Lambda functions with SnapStart aliases, the HTTP API (and the REST v1
 * API used on LocalStack), the expiry schedule, the UDP edge on Fargate behind a Network Load
 * Balancer, and the alarms and dashboard. IAM is explicit statements per {@link
 * dev.rendezvous.infra.construct.TableAccess} profile.
 */
package dev.rendezvous.infra.construct;
