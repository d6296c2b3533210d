package dev.oxistore.kv.hlog.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.CapacityExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Deferred actions wait for every thread protected at the bump to move on. */
class LightEpochTest {

    @Test
    void anActionWaitsForProtectedThreadsToRefreshOrLeave() {
        LightEpoch epoch = new LightEpoch();
        int a = epoch.acquireSlot();
        int b = epoch.acquireSlot();
        epoch.protect(a);
        epoch.protect(b);
        AtomicInteger ran = new AtomicInteger();
        epoch.bumpEpoch(ran::incrementAndGet);
        assertThat(ran).as("both threads still hold the old epoch").hasValue(0);
        epoch.refresh(a);
        assertThat(ran).as("b still holds it").hasValue(0);
        epoch.unprotect(b);
        epoch.refresh(a);
        assertThat(ran).hasValue(1);
        assertThat(epoch.pendingActions()).isZero();
    }

    @Test
    void withNobodyProtectedAnActionRunsAtOnceAndBumpAndWaitReturns() {
        LightEpoch epoch = new LightEpoch();
        AtomicInteger ran = new AtomicInteger();
        epoch.bumpEpoch(ran::incrementAndGet);
        assertThat(ran).hasValue(1);
        long before = epoch.currentEpoch();
        epoch.bumpAndWait();
        assertThat(epoch.currentEpoch()).isGreaterThan(before);
    }

    @Test
    void aProtectedThreadWaitsForTheOthersButNotForItself() throws Exception {
        LightEpoch epoch = new LightEpoch();
        int waiter = epoch.acquireSlot();
        int other = epoch.acquireSlot();
        epoch.protect(waiter);
        epoch.protect(other);
        CountDownLatch returned = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            epoch.protect(waiter); // the waiter's own slot, held across the wait
            epoch.bumpAndWaitProtected(waiter);
            returned.countDown();
        });
        assertThat(returned.await(200, TimeUnit.MILLISECONDS)).as("the other thread still holds the old epoch").isFalse();
        epoch.refresh(other);
        assertThat(returned.await(10, TimeUnit.SECONDS)).as("returns once the other one moved on").isTrue();
        t.join();
        assertThat(epoch.isProtected(waiter)).as("still protected, in the new epoch").isTrue();
    }

    @Test
    void slotsAreLimitedAndReusable() {
        LightEpoch epoch = new LightEpoch();
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < LightEpoch.MAX_SLOTS; i++) {
            slots.add(epoch.acquireSlot());
        }
        assertThatThrownBy(epoch::acquireSlot).isInstanceOf(CapacityExceededException.class);
        epoch.releaseSlot(slots.get(3));
        assertThat(epoch.acquireSlot()).isEqualTo(slots.get(3));
    }
}
