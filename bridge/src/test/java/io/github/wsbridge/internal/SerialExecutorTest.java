package io.github.wsbridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The socket's task queue (checklist item 81) on its own: where tasks run when they may run on the calling thread, and
 * that tasks still run one at a time and in order. The executor is the bridge's own ({@link Threads#events()}), whose
 * threads are named {@code wsbridge-event-N}; one test gives an application's pool instead.
 */
class SerialExecutorTest {

    /** What {@link #here()} says on a thread of the bridge's event pool. */
    private static final String POOL = "wsbridge-event";

    private final LinkedBlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();

    @AfterEach
    void noTaskThrew() {
        assertEquals(List.of(), new ArrayList<>(reported), "no task threw");
    }

    private SerialExecutor released() {
        SerialExecutor tasks = new SerialExecutor(Threads.events(), getClass().getClassLoader(), reported::add);
        tasks.release();
        return tasks;
    }

    private static String here() {
        String name = Thread.currentThread().getName();
        return name.startsWith(POOL + "-") ? POOL : name;
    }

    @Test
    void anApplicationsExecutorGetsEveryTaskExecuteHereIncluded() throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-pool"));
        try {
            SerialExecutor tasks = new SerialExecutor(pool, getClass().getClassLoader(), reported::add);
            tasks.release();
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            tasks.executeHere(() -> {
                ran.add(here());
                done.countDown();
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("app-pool"), ran);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void executeHereRunsOnTheCallingThreadWhenTheQueueIsIdle() {
        SerialExecutor tasks = released();
        List<String> ran = new ArrayList<>();
        tasks.executeHere(() -> ran.add(here()));
        assertEquals(List.of(here()), ran, "ran before executeHere returned, on the caller");
    }

    @Test
    void executeHereWaitsBehindATaskRunningElsewhereAndKeepsTheOrder() throws InterruptedException {
        SerialExecutor tasks = released();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        tasks.execute(() -> {
            running.countDown();
            await(finish);
            ran.add("first on " + here());
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        tasks.executeHere(() -> {
            ran.add("second on " + here());
            done.countDown();
        });
        assertEquals(List.of(), ran, "executeHere returned without running anything: a task is running");
        finish.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("first on " + POOL, "second on " + POOL), ran);
    }

    @Test
    void aDrainOnTheCallingThreadRunsAtMostItsBudgetThereThenHandsOver() throws InterruptedException {
        SerialExecutor tasks = released();
        int more = SerialExecutor.INLINE_BUDGET * 2;
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        String caller = here();
        tasks.executeHere(() -> {
            ran.add(here());
            for (int i = 0; i < more; i++) {
                int last = i;
                tasks.executeHere(() -> { // queued behind the running drain, as messages arriving meanwhile
                    ran.add(here());
                    if (last == more - 1) {
                        done.countDown();
                    }
                });
            }
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(more + 1, ran.size());
        assertEquals(Collections.nCopies(SerialExecutor.INLINE_BUDGET, caller), ran.subList(0, SerialExecutor.INLINE_BUDGET));
        assertEquals(Collections.nCopies(more + 1 - SerialExecutor.INLINE_BUDGET, POOL),
                ran.subList(SerialExecutor.INLINE_BUDGET, more + 1));
    }

    /** Open and close are queued with execute(): a drain on a container's thread never runs them there. */
    @Test
    void aDrainOnTheCallingThreadHandsOverAtTheFirstTaskQueuedWithExecute() throws InterruptedException {
        SerialExecutor tasks = released();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        tasks.executeHere(() -> {
            ran.add("message on " + here());
            tasks.executeHere(() -> ran.add("second message on " + here()));
            tasks.execute(() -> ran.add("close on " + here()));
            tasks.executeHere(() -> {
                ran.add("late message on " + here());
                done.countDown();
            });
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        String caller = here();
        assertEquals(List.of("message on " + caller, "second message on " + caller, "close on " + POOL,
                "late message on " + POOL), ran, "in order, and from the close on, on the executor");
    }

    @Test
    void aHeldQueueRunsNothingHereUntilReleased() throws InterruptedException {
        SerialExecutor tasks = new SerialExecutor(Threads.events(), getClass().getClassLoader(), reported::add);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(2);
        tasks.executeHere(() -> {
            ran.add("a");
            done.countDown();
        });
        tasks.executeIfIdle(() -> {
            ran.add("b");
            done.countDown();
        });
        assertEquals(List.of(), ran);
        tasks.release();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("a", "b"), ran);
    }

    @Test
    void executeIfIdleRunsOnlyItsOwnTaskHereAndWhatOthersQueueMeanwhileRunsOnTheExecutor()
            throws InterruptedException {
        SerialExecutor tasks = released();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        tasks.executeIfIdle(() -> {
            ran.add("bridge task on " + here());
            tasks.execute(() -> {
                ran.add("listener on " + here());
                done.countDown();
            });
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("bridge task on " + here(), "listener on " + POOL), ran);
    }

    @Test
    void executeIfIdleQueuesBehindQueuedWork() throws InterruptedException {
        SerialExecutor tasks = released();
        CountDownLatch finish = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        tasks.execute(() -> {
            await(finish);
            ran.add("first");
        });
        tasks.executeIfIdle(() -> {
            ran.add("second on " + here());
            done.countDown();
        });
        finish.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second on " + POOL), ran);
    }

    @Test
    void executeIfBusyQueuesOnlyBehindARunningDrain() throws InterruptedException {
        SerialExecutor tasks = released();
        assertFalse(tasks.executeIfBusy(() -> reported.add(new AssertionError("ran although refused"))));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        tasks.execute(() -> {
            running.countDown();
            await(finish);
            ran.add("first");
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        assertTrue(tasks.executeIfBusy(() -> {
            ran.add("second on " + here());
            done.countDown();
        }));
        finish.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second on " + POOL), ran);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the task");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
