package dev.panthera.agent;

import java.math.BigDecimal;

/** Seed 001 performance counters; {@code rating} is the mean of the ratings received, null until rated. */
public record AgentPerformance(long votesReceived, BigDecimal rewardsEarned, long tasksCompleted, Double rating) {}
