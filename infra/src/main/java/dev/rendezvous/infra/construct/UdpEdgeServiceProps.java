package dev.rendezvous.infra.construct;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Options of {@link UdpEdgeService}.
 *
 * @param dockerDirectory the edge's docker build context (holds its Dockerfile)
 * @param environment the edge's variables (the README's configuration table)
 * @param network the VPC, subnets and security groups of the tasks and the load balancer
 * @param ports pulse, health and internal API ports of the container
 * @param cpuUnits Fargate CPU units (1024 = one vCPU)
 * @param maxClientsPerTask (client, family) entries one task owns at most (its environment says the
 *     same to the edge); the scaling policy on owned clients follows it
 */
public record UdpEdgeServiceProps(
    RendezvousTable table,
    Path dockerDirectory,
    Map<String, String> environment,
    ServiceNetwork network,
    EdgePorts ports,
    int cpuUnits,
    int memoryMb,
    int minTasks,
    int maxTasks,
    int cpuTargetPercent,
    int maxClientsPerTask,
    RetentionDays logRetention) {

  public UdpEdgeServiceProps {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(dockerDirectory, "dockerDirectory");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(logRetention, "logRetention");
    if (minTasks < 1 || maxTasks < minTasks) {
      throw new IllegalArgumentException("need 1 <= minTasks <= maxTasks");
    }
    if (maxClientsPerTask < 16) {
      throw new IllegalArgumentException("maxClientsPerTask must be at least 16");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link UdpEdgeServiceProps}; defaults: 0.5 vCPU, 1 GB, 2..6 tasks at 60 % CPU. */
  public static final class Builder {
    private RendezvousTable table;
    private Path dockerDirectory;
    private Map<String, String> environment = Map.of();
    private ServiceNetwork network;
    private EdgePorts ports = new EdgePorts(5024, 8080, 5027);
    private int cpuUnits = 512;
    private int memoryMb = 1024;
    private int minTasks = 2;
    private int maxTasks = 6;
    private int cpuTargetPercent = 60;
    private int maxClientsPerTask = 100_000;
    private RetentionDays logRetention = RetentionDays.ONE_MONTH;

    private Builder() {}

    public Builder table(RendezvousTable table) {
      this.table = table;
      return this;
    }

    public Builder dockerDirectory(Path dockerDirectory) {
      this.dockerDirectory = dockerDirectory;
      return this;
    }

    public Builder environment(Map<String, String> environment) {
      this.environment = environment;
      return this;
    }

    public Builder network(ServiceNetwork network) {
      this.network = network;
      return this;
    }

    public Builder ports(EdgePorts ports) {
      this.ports = ports;
      return this;
    }

    public Builder cpuUnits(int cpuUnits) {
      this.cpuUnits = cpuUnits;
      return this;
    }

    public Builder memoryMb(int memoryMb) {
      this.memoryMb = memoryMb;
      return this;
    }

    public Builder tasks(int minTasks, int maxTasks) {
      this.minTasks = minTasks;
      this.maxTasks = maxTasks;
      return this;
    }

    public Builder cpuTargetPercent(int cpuTargetPercent) {
      this.cpuTargetPercent = cpuTargetPercent;
      return this;
    }

    public Builder maxClientsPerTask(int maxClientsPerTask) {
      this.maxClientsPerTask = maxClientsPerTask;
      return this;
    }

    public Builder logRetention(RetentionDays logRetention) {
      this.logRetention = logRetention;
      return this;
    }

    public UdpEdgeServiceProps build() {
      return new UdpEdgeServiceProps(
          table,
          dockerDirectory,
          environment,
          network,
          ports,
          cpuUnits,
          memoryMb,
          minTasks,
          maxTasks,
          cpuTargetPercent,
          maxClientsPerTask,
          logRetention);
    }
  }
}
