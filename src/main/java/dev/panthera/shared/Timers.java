package dev.panthera.shared;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/** Timer threads for work that is scheduled per stream or entry and usually cancelled. */
public final class Timers {

    private Timers() {}

    /**
     * One daemon platform thread named {@code name}. A cancelled task leaves the queue at once
     * (the JDK's default keeps it until its time comes, and with it whatever the task holds).
     */
    public static ScheduledThreadPoolExecutor singleThread(String name) {
        var timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name(name).factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
