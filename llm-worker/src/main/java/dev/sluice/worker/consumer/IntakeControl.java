package dev.sluice.worker.consumer;

/** Turns the intake of new records off and on without blocking the thread that polls Kafka. */
public interface IntakeControl {

  void pause();

  void resume();
}
