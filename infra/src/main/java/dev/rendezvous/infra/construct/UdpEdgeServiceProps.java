package dev.rendezvous.infra.construct;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Options of {@link UdpEdgeService}.
 *
 * @param dockerDirectory the edge's docker build context (holds its Dockerfile)
 * @param environment the edge's variables (SPEC names)
 * @param cpuUnits Fargate CPU units (1024 = one vCPU)
 * @param natGateways 0 puts the tasks in public subnets with public IPs (no NAT cost; inbound is
 *     still only from the load balancer's security group); 1 or 2 puts them in private subnets
 *     behind that many NAT gateways
 */
public record UdpEdgeServiceProps(
    RendezvousTable table,
    Path dockerDirectory,
    Map<String, String> environment,
    int udpPort,
    int healthPort,
    int cpuUnits,
    int memoryMb,
    int minTasks,
    int maxTasks,
    int cpuTargetPercent,
    int natGateways,
    RetentionDays logRetention) {

  public UdpEdgeServiceProps {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(dockerDirectory, "dockerDirectory");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(logRetention, "logRetention");
    if (minTasks < 1 || maxTasks < minTasks) {
      throw new IllegalArgumentException("need 1 <= minTasks <= maxTasks");
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
    private int udpPort = 5024;
    private int healthPort = 8080;
    private int cpuUnits = 512;
    private int memoryMb = 1024;
    private int minTasks = 2;
    private int maxTasks = 6;
    private int cpuTargetPercent = 60;
    private int natGateways = 0;
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

    public Builder udpPort(int udpPort) {
      this.udpPort = udpPort;
      return this;
    }

    public Builder healthPort(int healthPort) {
      this.healthPort = healthPort;
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

    public Builder natGateways(int natGateways) {
      this.natGateways = natGateways;
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
          udpPort,
          healthPort,
          cpuUnits,
          memoryMb,
          minTasks,
          maxTasks,
          cpuTargetPercent,
          natGateways,
          logRetention);
    }
  }
}
