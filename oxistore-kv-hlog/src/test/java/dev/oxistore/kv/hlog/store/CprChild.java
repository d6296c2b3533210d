package dev.oxistore.kv.hlog.store;

import java.nio.file.Path;
import java.util.Random;

/**
 * The process {@link HlogCprCrashTest} kills: sessions {@code s0..sN-1} (continued from the
 * recovered serials) write without pause, each operation {@code n} either an upsert of
 * {@code key(i, n) = n} (odd n) or a +1 RMW of the session's counter (even n), while the main
 * thread takes checkpoints and prints {@code CKPT <version>} after each one is complete.
 */
public final class CprChild {

    private CprChild() {
    }

    static HlogOptions options(Path dir) {
        return HlogOptions.defaults(dir).withIndexBuckets(1 << 10).withMemory(12, 8); // 32 KiB of log in memory
    }

    static long key(int session, long n) {
        return ((long) session << 40) | n;
    }

    static long counter(int session) {
        return (1L << 50) | session;
    }

    /** Arguments: store directory, sessions, seed. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int sessions = Integer.parseInt(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        HlogStore store = HlogStore.open(options(dir));
        for (int i = 0; i < sessions; i++) {
            int id = i;
            Session s = store.continueSession("s" + id);
            Thread.ofPlatform().daemon().start(() -> {
                s.resume();
                for (long n = s.serial() + 1; ; n++) {
                    if ((n & 1) == 1) {
                        s.upsert(key(id, n), n);
                    } else if (s.rmw(counter(id), (v, present) -> v + 1) == Status.PENDING) {
                        s.completePending(true);
                    }
                }
            });
        }
        System.out.println("READY");
        System.out.flush();
        for (;;) {
            Thread.sleep(2 + random.nextInt(20));
            HlogStore.Checkpoint cp = store.checkpoint();
            System.out.println("CKPT " + cp.version() + " " + cp.serials());
            System.out.flush();
        }
    }
}
