package dev.sluice.worker.consumer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Bounds the requests one worker instance works on at once, and pauses intake while it holds too many.
 *
 * <p>At most {@code maxInFlight} pieces of work run at a time. Intake is paused once the requests in hand (running
 * plus waiting) reach {@code maxInFlight} and resumed once they fall to {@code resumeAt}. A pause takes effect before
 * the next poll, so the rest of the poll in progress still arrives: it waits here, which bounds the waiting work by
 * one poll ({@code max.poll.records}) per consumer rather than blocking the poll loop.
 */
public final class InFlightGate {

  private final int maxInFlight;
  private final int resumeAt;
  private final IntakeControl intake;
  private final Executor starter;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private final Object intakeSwitch = new Object();
  private int running;
  private boolean paused;
  private boolean closed;
  private boolean intakeOff;

  /**
   * @param starter starts waiting work once a slot frees; the slot frees on whichever thread finished the work
   *     (possibly a Kafka producer's I/O thread), which must not run the next piece itself
   */
  public InFlightGate(int maxInFlight, int resumeAt, IntakeControl intake, Executor starter) {
    if (maxInFlight < 1 || resumeAt < 0 || resumeAt >= maxInFlight) {
      throw new IllegalArgumentException("need 0 <= resumeAt < maxInFlight, got resumeAt=" + resumeAt
          + ", maxInFlight=" + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    this.resumeAt = resumeAt;
    this.intake = intake;
    this.starter = starter;
  }

  /** Runs {@code work} now if a slot is free, else once one frees; the result completes with the work's. */
  public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable start = () -> run(work, result);
    boolean startNow;
    boolean switchIntake = false;
    synchronized (this) {
      startNow = running < maxInFlight;
      if (startNow) {
        running++;
      } else {
        waiting.add(start);
      }
      if (!paused && running + waiting.size() >= maxInFlight) {
        paused = true;
        switchIntake = true;
      }
    }
    if (switchIntake) {
      switchIntake();
    }
    if (startNow) {
      start.run();
    }
    return result;
  }

  public synchronized int running() {
    return running;
  }

  public synchronized int waiting() {
    return waiting.size();
  }

  /** Whether intake is (to be) paused: the gate is full, or closed for shutdown. */
  public synchronized boolean intakePaused() {
    return paused || closed;
  }

  /** Pauses intake for good, for shutdown; work in hand and waiting still runs. */
  public void close() {
    synchronized (this) {
      closed = true;
    }
    switchIntake();
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  /** Waits until no work is running or waiting, or the timeout passes; true when idle. */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running + waiting.size() > 0) {
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        return false;
      }
      wait(leftMillis);
    }
    return true;
  }

  private <T> void run(Supplier<CompletableFuture<T>> work, CompletableFuture<T> result) {
    CompletableFuture<T> running;
    try {
      running = work.get();
    } catch (RuntimeException e) {
      running = CompletableFuture.failedFuture(e);
    }
    running.whenComplete((value, error) -> {
      release();
      if (error == null) {
        result.complete(value);
      } else {
        result.completeExceptionally(error);
      }
    });
  }

  private void release() {
    Runnable next;
    boolean switchIntake = false;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        running--;
      }
      if (paused && running + waiting.size() <= resumeAt) {
        paused = false;
        switchIntake = true;
      }
      notifyAll();
    }
    if (switchIntake) {
      switchIntake();
    }
    if (next != null) {
      starter.execute(next);
    }
  }

  /**
   * Brings the intake in line with the latest decision. Pause and resume are decided on different threads, so they
   * are applied one at a time and from the state as it is now, never from a decision a later one has overtaken; the
   * container is not called under the gate's own lock, as it takes locks of its own.
   */
  private void switchIntake() {
    synchronized (intakeSwitch) {
      boolean off = intakePaused();
      if (off != intakeOff) {
        if (off) {
          intake.pause();
        } else {
          intake.resume();
        }
        intakeOff = off;
      }
    }
  }
}
