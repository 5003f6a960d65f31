/**
 * Small CDK constructs: the clients table derived from the store's single definition, the two
 * Lambda functions with SnapStart aliases, the HTTP API behind CloudFront with per-address limits
 * (and the REST v1 API used on LocalStack), the expiry schedule, the UDP edge on Fargate behind a
 * Network Load Balancer, and the alarms and dashboard. IAM is explicit statements per {@link
 * dev.rendezvous.infra.construct.TableAccess} profile; cdk-nag findings that stand are acknowledged
 * next to their construct ({@code Acknowledge}).
 */
package dev.rendezvous.infra.construct;
