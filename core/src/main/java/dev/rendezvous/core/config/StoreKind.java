package dev.rendezvous.core.config;

/** Which storage a process uses ({@code RENDEZVOUS_STORE}). */
public enum StoreKind {
  /** DynamoDB: dynalite locally, DynamoDB in AWS. The default everywhere. */
  DYNAMODB,
  /** An in-process store that keeps nothing; only for measuring the edge's own speed. */
  MEMORY
}
